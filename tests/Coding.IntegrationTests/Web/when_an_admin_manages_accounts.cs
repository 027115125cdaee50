using System.Net;
using System.Net.Http.Json;
using Coding.Core.Accounts;
using Coding.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Web;

public sealed class when_an_admin_manages_accounts(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task disabling_ends_the_sessions_and_enabling_lets_the_user_back_in_both_audited()
    {
        using var admin = await api.SignedInAsync(Roles.Admin);
        using var coder = await api.SignedInAsync(Roles.Coder);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/admin/users/coder/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await coder.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/admin/users/coder/enable", null)).StatusCode);
        using var again = await api.SignedInAsync(Roles.Coder);

        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(["account.disabled", "account.enabled"], await AuditedAsync("coder"));
    }

    [Fact]
    public async Task a_locked_account_is_unlocked_and_a_reset_password_is_shown_once_and_works()
    {
        using var admin = await api.SignedInAsync(Roles.Admin);
        await using (var scope = api.Scope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            for (var i = 0; i < AccountService.MaxFailedSignIns; i++)
                await accounts.SignInAsync("cdi", "wrong-password-" + i, "test", default);
        }

        var unlocked = await admin.PostAsync("/api/admin/users/cdi/unlock", null);
        var reset = await (await admin.PostAsync("/api/admin/users/cdi/password", null)).Content.ReadFromJsonAsync<Dictionary<string, string>>();

        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        api.Passwords[Roles.Cdi] = reset!["password"];
        using var cdi = await api.SignedInAsync(Roles.Cdi);
        Assert.Equal(["account.unlocked", "account.password-reset"], await AuditedAsync("cdi"));
    }

    [Fact]
    public async Task a_new_role_applies_at_once_and_an_admin_cannot_change_their_own_account()
    {
        using var admin = await api.SignedInAsync(Roles.Admin);
        using var manager = await api.SignedInAsync(Roles.Manager);

        var changed = await admin.PutAsJsonAsync("/api/admin/users/manager/role", new { role = Roles.Cdi });
        var self = await admin.PostAsync("/api/admin/users/admin/disable", null);
        var unknownRole = await admin.PutAsJsonAsync("/api/admin/users/manager/role", new { role = "superuser" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await manager.GetAsync("/api/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.StatusCode);
        Assert.Equal(["account.role-changed"], await AuditedAsync("manager"));
    }

    private async Task<string[]> AuditedAsync(string name)
    {
        await using var scope = api.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var id = (await db.UserAccounts.SingleAsync(a => a.Name == name)).Id.ToString();
        return await db.AuditEntries.Where(a => a.EntityId == id && a.Action.StartsWith("account.") && a.Action != "account.created" && a.Actor == "admin")
            .OrderBy(a => a.Id).Select(a => a.Action).ToArrayAsync();
    }
}
