using System.Net;
using System.Net.Http.Json;
using Coding.Core.Accounts;
using Coding.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Web;

public sealed class when_a_user_signs_in(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task the_session_names_the_user_and_role_and_the_cookie_is_strict_and_http_only()
    {
        using var client = api.Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/signin", new { name = "Coder", password = api.Passwords[Roles.Coder] });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        var me = await client.GetFromJsonAsync<Dictionary<string, object>>("/api/auth/me");
        Assert.Equal("coder", me!["name"].ToString());
        Assert.Equal("coder", me["role"].ToString());

        await client.PostAsync("/api/auth/signout", null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task five_wrong_passwords_lock_the_account_even_against_the_right_one_and_every_attempt_is_audited()
    {
        using var client = api.Anonymous();
        for (var i = 0; i < AccountService.MaxFailedSignIns; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/signin", new { name = "cdi", password = "wrong-password-" + i })).StatusCode);

        var locked = await client.PostAsJsonAsync("/api/auth/signin", new { name = "cdi", password = api.Passwords[Roles.Cdi] });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        // The same answer as for a wrong password: a caller cannot tell a locked account from a wrong guess.
        Assert.Contains("wrong name or password", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var scope = api.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var account = await db.UserAccounts.SingleAsync(a => a.Name == "cdi");
        Assert.NotNull(account.LockedUntil);
        var denied = await db.AuditEntries.CountAsync(a => a.Action == "auth.signin" && a.EntityId == account.Id.ToString() && a.Outcome == Core.Audit.AuditOutcome.Denied);
        Assert.Equal(AccountService.MaxFailedSignIns + 1, denied);
    }

    [Fact]
    public async Task a_page_without_a_session_redirects_to_sign_in_and_a_wrong_role_sees_the_refusal_page()
    {
        using var anonymous = api.Anonymous();
        var page = await anonymous.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin.html", page.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var coder = await api.SignedInAsync(Roles.Coder);
        var refused = await coder.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Not allowed", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var admin = await api.SignedInAsync(Roles.Admin);
        var allowed = await admin.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("default-src 'self'", allowed.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
