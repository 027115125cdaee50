using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Coding.Api.Auth;

/// <summary>
/// The gate of the endpoints machines call without a session (/metrics, /v1/chat/completions): with no key configured
/// only loopback callers pass; with a key, every caller must send it as a bearer token (loopback too: a reverse proxy on
/// the same host makes every caller look local). Compared in constant time.
/// </summary>
internal static class MachineCallers
{
    public static bool Authorised(HttpContext http, string? key)
    {
        if (string.IsNullOrEmpty(key))
            return http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);
        var header = http.Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return header.StartsWith(bearer, StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[bearer.Length..]), Encoding.UTF8.GetBytes(key));
    }
}
