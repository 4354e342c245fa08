# Thin targets over the dotnet CLI. Needs only the .NET 10 SDK.
DOTNET ?= dotnet
CONFIGURATION ?= Release

.PHONY: all restore build run test publish bench clean

all: build

restore:
	$(DOTNET) restore Auth.Jwt.sln

build: restore
	$(DOTNET) build Auth.Jwt.sln --no-restore -c $(CONFIGURATION)

# Serves on http://127.0.0.1:8000 with the defaults in code, from this folder: data/ and keys/ land here.
run: build
	$(DOTNET) Auth.Jwt/bin/$(CONFIGURATION)/net10.0/Auth.Jwt.dll

test: build
	$(DOTNET) test Auth.Jwt.sln --no-build -c $(CONFIGURATION)

# One self-contained, single-file linux-x64 executable: dist/Auth.Jwt runs where no .NET is installed.
# No trimming: LiteDB maps classes by reflection.
publish:
	$(DOTNET) publish Auth.Jwt/Auth.Jwt.csproj -c Release -r linux-x64 --self-contained true \
		-p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true \
		-p:DebugType=none -o dist
	rm -f dist/*.json dist/*.xml

# Release build of the app, then bench/Auth.Jwt.Bench starts it on a loopback port in a temp folder and measures it.
# With AUTHJWT_TEST_POSTGRES set (see .ci/postgres), the refresh grant is measured on PostgreSQL too.
bench:
	$(DOTNET) build Auth.Jwt/Auth.Jwt.csproj -c Release
	$(DOTNET) run --project bench/Auth.Jwt.Bench/Auth.Jwt.Bench.csproj -c Release -- --dotnet $(DOTNET) --app Auth.Jwt/bin/Release/net10.0/Auth.Jwt.dll --postgres "$$AUTHJWT_TEST_POSTGRES"

clean:
	$(DOTNET) clean Auth.Jwt.sln
	rm -rf dist
