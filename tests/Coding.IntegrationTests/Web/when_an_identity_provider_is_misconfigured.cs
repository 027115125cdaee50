using System.Security.Cryptography;
using Coding.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coding.IntegrationTests.Web;

/// <summary>OIDC / JWT settings are validated when the host starts, so a half-configured identity provider never serves.</summary>
public sealed class when_an_identity_provider_is_misconfigured
{
    private static async Task<OptionsValidationException> StartWith(Dictionary<string, string?> auth)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Coding"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none",
            ["NoteProtection:ActiveKeyId"] = "k",
            ["NoteProtection:Keys:k"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["NoteProtection:HashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["DataProtection:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        foreach (var (key, value) in auth)
            settings[key] = value;
        await using var app = ApiApp.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.WebHost.UseUrls("http://127.0.0.1:0");
            b.Logging.ClearProviders();
        });
        return await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
    }

    [Fact]
    public async Task a_jwt_authority_without_an_audience_stops_the_host() =>
        Assert.Contains("Auth:Jwt:Audience", (await StartWith(new() { ["Auth:Jwt:Authority"] = "https://idp.example.org/realms/site" })).Message, StringComparison.Ordinal);

    [Fact]
    public async Task an_oidc_authority_without_a_client_id_stops_the_host() =>
        Assert.Contains("Auth:Oidc:ClientId", (await StartWith(new() { ["Auth:Oidc:Authority"] = "https://idp.example.org/realms/site" })).Message, StringComparison.Ordinal);

    [Fact]
    public async Task an_authority_over_plain_http_stops_the_host() =>
        Assert.Contains("https", (await StartWith(new() { ["Auth:Oidc:Authority"] = "http://idp.example.org", ["Auth:Oidc:ClientId"] = "coding" })).Message, StringComparison.Ordinal);
}
