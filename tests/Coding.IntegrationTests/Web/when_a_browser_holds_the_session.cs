using System.Net;
using System.Net.Http.Json;
using Coding.Api.Auth;
using Coding.Api.Hosting;
using Coding.Core.Accounts;
using Coding.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Web;

/// <summary>What a browser with a signed-in session may keep, be sent to, or be made to do by another page.</summary>
public sealed class when_a_browser_holds_the_session(ReviewHost api) : IClassFixture<ReviewHost>
{
    [Fact]
    public async Task no_answer_carrying_a_note_or_codes_may_be_cached()
    {
        using var coder = await api.SignedInAsync(Roles.Coder);

        foreach (var path in new[] { $"/api/encounters/{api.Encounters["API-1"]}", "/api/queue", "/encounter?id=" + api.Encounters["API-1"], "/api/auth/me" })
        {
            var response = await coder.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{path} may be cached");
        }
    }

    [Theory]
    [InlineData("/queue", "/queue")]
    [InlineData("/encounter?id=1", "/encounter?id=1")]
    [InlineData("/", "/")]
    [InlineData("//evil.example/phish.html", "/")]
    [InlineData("/\\127.0.0.1:8111/phish.html", "/")]
    [InlineData("/\t/evil.example/phish.html", "/")]
    [InlineData("/\n/evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("", "/")]
    public void only_a_path_of_this_site_is_a_return_url(string returnUrl, string followed) =>
        Assert.Equal(followed, AuthEndpoints.LocalOnly(returnUrl));

    [Fact]
    public async Task a_state_changing_request_without_the_pages_header_is_refused_and_audited()
    {
        using var coder = await api.SignedInAsync(Roles.Coder);
        var id = api.Encounters["API-1"];
        coder.DefaultRequestHeaders.Remove(RequestHardening.AntiForgeryHeader);

        // What a page on another port of this host could make the browser send: the cookie, but no custom header.
        var claim = await coder.PostAsync($"/api/encounters/{id}/claim", null);
        var signOut = await coder.PostAsync("/api/auth/signout", null);

        Assert.Equal(HttpStatusCode.Forbidden, claim.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coder.GetAsync("/api/auth/me")).StatusCode);
        await using var scope = api.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        Assert.False(await db.EncounterClaims.AnyAsync(c => c.EncounterId == id));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "http.forbidden" && a.EntityId == $"POST /api/encounters/{id}/claim"));
    }

    [Fact]
    public async Task refusals_are_audited_with_who_asked()
    {
        using var anonymous = api.Anonymous();
        using var coder = await api.SignedInAsync(Roles.Coder);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coder.GetAsync("/api/admin/users")).StatusCode);

        await using var scope = api.Scope();
        var rows = await scope.ServiceProvider.GetRequiredService<CodingDbContext>().AuditEntries
            .Where(a => a.EntityId == "GET /api/admin/users").ToListAsync();
        Assert.Contains(rows, a => a.Action == "http.unauthorized" && a.Actor == "anonymous");
        Assert.Contains(rows, a => a.Action == "http.forbidden" && a.Actor == "coder" && a.Role == Roles.Coder);
    }

    [Fact]
    public async Task the_key_ring_that_signs_the_cookies_is_stored_encrypted()
    {
        using var coder = await api.SignedInAsync(Roles.Coder);

        var files = Directory.GetFiles(api.Settings["DataProtection:KeysPath"], "key-*.xml");

        Assert.NotEmpty(files);
        Assert.All(files, f =>
        {
            var xml = File.ReadAllText(f);
            Assert.Contains("<aesGcmEncrypted", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task the_sign_in_redirect_never_echoes_the_host_header()
    {
        using var anonymous = api.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/queue");
        request.Headers.Host = "evil.example";

        var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(response.Headers.Location!.IsAbsoluteUri, response.Headers.Location.ToString());
        Assert.StartsWith("/signin.html?returnUrl=", response.Headers.Location.OriginalString, StringComparison.Ordinal);
    }
}
