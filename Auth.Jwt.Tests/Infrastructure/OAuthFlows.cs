using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Auth.Jwt.Clients;
using FluentAssertions.Execution;

namespace Auth.Jwt.Tests.Infrastructure;

public sealed record TestClient(string Id, string? Secret);

/// <summary>The steps of a real client: create an application, sign up, log in, refresh.</summary>
public static class OAuthFlows
{
    public static TestClient AddClient(this AuthJwtApp app, ClientType type = ClientType.Public, params string[] grantTypes)
    {
        var created = app.Service<ClientRegistry>().Add("test app", type, grantTypes.Length == 0 ? [GrantTypes.Password] : grantTypes);
        return new TestClient(created.Client.Id, created.Secret);
    }

    public static async Task<string> SignUpAsync(this HttpClient http, string? username = null, string password = Names.GoodPassword)
    {
        username ??= Names.UniqueUser();
        var response = await http.PostJsonAsync("/sign_up/", $$"""{"username":"{{username}}","password":"{{password}}"}""");
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return username;
    }

    /// <summary>Posts a form to an /o/ endpoint, authenticating as the client would (Basic, or form client_id).</summary>
    public static Task<HttpResponseMessage> PostTokenEndpointAsync(this HttpClient http, string path, TestClient client, (string Key, string Value)[] fields)
    {
        var form = fields.ToList();
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (client.Secret is null)
        {
            form.Add(("client_id", client.Id));
        }
        else
        {
            request.WithBasic(client.Id, client.Secret);
        }

        request.Content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        return http.SendAsync(request);
    }

    /// <summary>Posts to /o/token/ as the client would: Basic for a confidential client, form client_id for a public one.</summary>
    public static Task<HttpResponseMessage> TokenAsync(this HttpClient http, TestClient client, params (string Key, string Value)[] fields) =>
        http.PostTokenEndpointAsync("/o/token/", client, fields);

    public static Task<HttpResponseMessage> PasswordGrantAsync(this HttpClient http, TestClient client, string username, string password = Names.GoodPassword, string? scope = null) =>
        http.TokenAsync(client, [("grant_type", "password"), ("username", username), ("password", password), .. scope is null ? Array.Empty<(string, string)>() : [("scope", scope)]]);

    public static Task<HttpResponseMessage> RefreshAsync(this HttpClient http, TestClient client, string refreshToken, string? scope = null) =>
        http.TokenAsync(client, [("grant_type", "refresh_token"), ("refresh_token", refreshToken), .. scope is null ? Array.Empty<(string, string)>() : [("scope", scope)]]);

    /// <summary>Logs in and returns the token response, asserting success.</summary>
    public static async Task<TokenSet> LoginAsync(this HttpClient http, TestClient client, string username, string password = Names.GoodPassword, string? scope = null) =>
        await (await http.PasswordGrantAsync(client, username, password, scope)).ShouldBeTokensAsync();

    public static async Task<TokenSet> ShouldBeTokensAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var json = JsonNode.Parse(body)!.AsObject();
        return new TokenSet((string)json["access_token"]!, (string)json["refresh_token"]!, (string)json["scope"]!, (int)json["expires_in"]!);
    }

    /// <summary>An RFC 6749 5.2 answer: status, exact body, no-store headers, and Basic challenge on 401.</summary>
    public static async Task ShouldBeOAuthError(this HttpResponseMessage response, HttpStatusCode status, string error, string? description = null)
    {
        var expected = new JsonObject { ["error"] = error };
        if (description is not null)
        {
            expected["error_description"] = description;
        }

        await response.ShouldAnswer(status, expected.ToJsonString());
        using var scope = new AssertionScope();
        response.Headers.CacheControl?.NoStore.Should().BeTrue();
        response.Headers.Pragma.ToString().Should().Be("no-cache");
        if (status == HttpStatusCode.Unauthorized)
        {
            response.Headers.WwwAuthenticate.ToString().Should().Be("Basic realm=\"api\"");
        }
    }

    public static Task<HttpResponseMessage> GetWithBearerAsync(this HttpClient http, string path, string token) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Get, path).WithBearer(token));

    public static HttpRequestMessage Form(this HttpRequestMessage request, params (string Key, string Value)[] fields)
    {
        request.Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        return request;
    }

    public static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));
}

public sealed record TokenSet(string AccessToken, string RefreshToken, string Scope, int ExpiresIn);
