using System.Net;
using System.Net.Http.Json;
using Coding.Core.Accounts;
using Coding.Core.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Web;

/// <summary>Sessions end for good: not only in the browser that signs out, but for every cookie of the account.</summary>
public sealed class when_a_session_is_revoked(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Actor Admin = new("admin", Roles.Admin, "test");

    [Fact]
    public async Task signing_out_ends_every_session_of_the_account_including_a_copied_cookie()
    {
        using var browser = await api.SignedInAsync(Roles.Coder);
        using var copy = await api.SignedInAsync(Roles.Coder);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/auth/signout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task a_demoted_manager_loses_the_dashboard_at_once()
    {
        using var manager = await api.SignedInAsync(Roles.Manager);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/dashboard")).StatusCode);

        await ChangeAsync(a => a.ChangeRoleAsync("manager", Roles.Coder, Admin, default));

        Assert.Equal(HttpStatusCode.Unauthorized, (await manager.GetAsync("/api/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await manager.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task a_new_password_ends_the_sessions_signed_in_with_the_old_one()
    {
        using var cdi = await api.SignedInAsync(Roles.Cdi);
        var password = PasswordHashing.NewPassword();

        await ChangeAsync(a => a.ResetPasswordAsync("cdi", password, Admin, default));
        api.Passwords[Roles.Cdi] = password;

        Assert.Equal(HttpStatusCode.Unauthorized, (await cdi.GetAsync("/api/auth/me")).StatusCode);
        using var again = await api.SignedInAsync(Roles.Cdi);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task disabling_an_account_ends_its_sessions_and_its_sign_ins()
    {
        using var ingest = await api.SignedInAsync(Roles.Ingest);

        await ChangeAsync(a => a.SetDisabledAsync("ingest", disabled: true, Admin, default));

        Assert.Equal(HttpStatusCode.Unauthorized, (await ingest.GetAsync("/api/auth/me")).StatusCode);
        using var client = api.Anonymous();
        var again = await client.PostAsJsonAsync("/api/auth/signin", new { name = "ingest", password = api.Passwords[Roles.Ingest] });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    private async Task ChangeAsync(Func<AccountService, Task> change)
    {
        await using var scope = api.Scope();
        await change(scope.ServiceProvider.GetRequiredService<AccountService>());
    }
}
