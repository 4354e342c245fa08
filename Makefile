# Thin targets over the dotnet CLI. Needs only the .NET 10 SDK.
DOTNET ?= dotnet
CONFIGURATION ?= Release

.PHONY: all restore build run test publish bench clean

all: build

restore:
	$(DOTNET) restore Auth.Jwt.sln

build: restore
	$(DOTNET) build Auth.Jwt.sln --no-restore -c $(CONFIGURATION)

# Serves on http://127.0.0.1:8000 with the defaults in code; data/ and keys/ under this folder.
run: build
	$(DOTNET) run --project Auth.Jwt --no-build -c $(CONFIGURATION) --

test: build
	$(DOTNET) test Auth.Jwt.sln --no-build -c $(CONFIGURATION)

clean:
	$(DOTNET) clean Auth.Jwt.sln
	rm -rf dist
