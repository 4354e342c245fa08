using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Auth.Jwt.Bench;

/// <summary>An access token and the refresh token that came with it.</summary>
internal sealed record TokenPair(string AccessToken, string RefreshToken);

/// <summary>
/// The calls a mobile app makes, as a public client. The measured calls return an outcome label
/// ("200", "503+Retry-After", ...) and read the whole body, so connections are reused as a real client's are.
/// </summary>
internal sealed class AuthApi(HttpClient http, string clientId)
{
    /// <summary>Passes the policy (long, not common, unlike any username) so sign-up never fails on it.</summary>
    public const string Password = "correct horse battery";

    /// <summary>An HttpClient for loopback load: no proxy, and no cap on connections so 200 can be in flight.</summary>
    public static HttpClient CreateHttpClient(Uri baseAddress) =>
        new(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = int.MaxValue })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(90),
        };

    public async Task SignUpAsync(string username, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/sign_up/", new { username, password = Password }, cancellationToken);
        await EnsureAsync(response, HttpStatusCode.Created, $"sign-up of {username}");
    }

    public async Task<TokenPair> LogInAsync(string username, CancellationToken cancellationToken)
    {
        using var response = await PostTokenAsync(PasswordForm(username), cancellationToken);
        return await ReadTokensAsync(response, $"login of {username}");
    }

    public async Task<string> PasswordGrantAsync(string username, CancellationToken cancellationToken)
    {
        using var response = await PostTokenAsync(PasswordForm(username), cancellationToken);
        return await OutcomeAsync(response, cancellationToken);
    }

    /// <summary>A refresh grant: the outcome, and the rotated tokens when it succeeded.</summary>
    public async Task<(string Outcome, TokenPair? Tokens)> RefreshGrantAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var response = await PostTokenAsync(RefreshForm(refreshToken), cancellationToken);
        return response.StatusCode == HttpStatusCode.OK
            ? (Samples.Ok, await ReadTokensAsync(response, "refresh"))
            : (await OutcomeAsync(response, cancellationToken), null);
    }

    public async Task<string> MeAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        return await OutcomeAsync(response, cancellationToken);
    }

    private Dictionary<string, string> PasswordForm(string username) => new()
    {
        ["grant_type"] = "password",
        ["username"] = username,
        ["password"] = Password,
        ["client_id"] = clientId,
    };

    private Dictionary<string, string> RefreshForm(string refreshToken) => new()
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
        ["client_id"] = clientId,
    };

    private async Task<HttpResponseMessage> PostTokenAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        return await http.PostAsync("/o/token/", content, cancellationToken);
    }

    private static async Task<TokenPair> ReadTokensAsync(HttpResponseMessage response, string what)
    {
        await EnsureAsync(response, HttpStatusCode.OK, what);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new TokenPair(
            json.RootElement.GetProperty("access_token").GetString()!,
            json.RootElement.GetProperty("refresh_token").GetString()!);
    }

    private static async Task<string> OutcomeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        _ = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null
            ? status + "+Retry-After"
            : status;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{what}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
