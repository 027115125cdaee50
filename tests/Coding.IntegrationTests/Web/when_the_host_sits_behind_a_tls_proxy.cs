using System.Net;
using System.Net.Http.Json;
using Coding.Core.Accounts;

namespace Coding.IntegrationTests.Web;

/// <summary>A site's TLS proxy on this machine (127.0.0.1), named in Hosting:KnownProxies, and the site's host name.</summary>
public sealed class BehindProxyHost : ApiHost
{
    public const string SiteHost = "coding.hospital.example";

    protected override void Configure(Dictionary<string, string> settings)
    {
        settings["Hosting:KnownProxies:0"] = "127.0.0.1";
        settings["AllowedHosts"] = $"{SiteHost};127.0.0.1";
    }
}

public sealed class when_the_host_sits_behind_a_tls_proxy(BehindProxyHost api) : IClassFixture<BehindProxyHost>
{
    [Fact]
    public async Task an_https_request_from_the_proxy_gets_a_secure_cookie_and_hsts()
    {
        using var client = api.Anonymous();
        using var request = SignIn();
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("; secure", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task plain_http_gets_neither()
    {
        using var client = api.Anonymous();

        var response = await client.SendAsync(SignIn());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("; secure", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task a_host_name_the_site_does_not_use_is_refused()
    {
        using var client = api.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signin.html");
        request.Headers.Host = "evil.example";

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request)).StatusCode);
    }

    private HttpRequestMessage SignIn()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/signin")
        {
            Content = JsonContent.Create(new { name = "coder", password = api.Passwords[Roles.Coder] }),
        };
        request.Headers.Host = BehindProxyHost.SiteHost;
        return request;
    }
}

/// <summary>With no proxy configured, nobody's X-Forwarded-Proto is believed (loopback included).</summary>
public sealed class when_no_proxy_is_configured(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task a_forwarded_scheme_is_ignored()
    {
        using var client = api.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/signin")
        {
            Content = JsonContent.Create(new { name = "coder", password = api.Passwords[Roles.Coder] }),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("; secure", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }
}
