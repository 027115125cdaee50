using Coding.Api.Auth;
using Coding.Core.Accounts;
using Coding.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coding.Api.Admin;

public static class AdminEndpoints
{
    public sealed record NewAccount(string? Name, string? Role, string? Password);

    public sealed record RoleChange(string? Role);

    public sealed record AccountRow(string Name, string Role, bool Disabled, bool Locked, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt);

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").RequireAuthorization(Policies.Admin);
        group.MapGet("/users", async (CodingDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var rows = await db.UserAccounts.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct);
            return rows.Select(a => new AccountRow(a.Name, a.Role, a.Disabled, a.LockedUntil > now, a.CreatedAt, a.LastSignInAt));
        });
        group.MapPost("/users", async (NewAccount body, AccountService accounts, HttpContext http, CancellationToken ct) =>
        {
            // A generated password is shown once, to the admin who created the account; it is never stored in clear.
            var password = string.IsNullOrEmpty(body.Password) ? PasswordHashing.NewPassword() : body.Password;
            try
            {
                var account = await accounts.SaveAsync(body.Name ?? "", body.Role ?? "", password, update: false, http.Actor(), ct);
                return Results.Created($"/api/admin/users/{account.Name}", new { account.Name, account.Role, password = string.IsNullOrEmpty(body.Password) ? password : null });
            }
            catch (AccountException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }
        });
        // Each change is audited by AccountService; disable, new password and new role also end the account's sessions.
        var account = group.MapGroup("/users/{name}");
        account.MapPost("/disable", (string name, AccountService a, HttpContext http, CancellationToken ct) =>
            ChangeAsync(name, http, () => a.SetDisabledAsync(name, disabled: true, http.Actor(), ct)));
        account.MapPost("/enable", (string name, AccountService a, HttpContext http, CancellationToken ct) =>
            ChangeAsync(name, http, () => a.SetDisabledAsync(name, disabled: false, http.Actor(), ct)));
        account.MapPost("/unlock", (string name, AccountService a, HttpContext http, CancellationToken ct) =>
            ChangeAsync(name, http, () => a.UnlockAsync(name, http.Actor(), ct)));
        account.MapPut("/role", (string name, RoleChange body, AccountService a, HttpContext http, CancellationToken ct) =>
            ChangeAsync(name, http, () => a.ChangeRoleAsync(name, body.Role ?? "", http.Actor(), ct)));
        account.MapPost("/password", async (string name, AccountService a, HttpContext http, CancellationToken ct) =>
        {
            // Generated, shown once to the admin who reset it, never stored in clear.
            var password = PasswordHashing.NewPassword();
            var result = await ChangeAsync(name, http, () => a.ResetPasswordAsync(name, password, http.Actor(), ct));
            return result is Ok<AccountRow> ? Results.Ok(new { name = AccountService.Normalize(name), password }) : result;
        });
        return app;
    }

    private static async Task<IResult> ChangeAsync(string name, HttpContext http, Func<Task<UserAccount>> change)
    {
        // An admin who disabled or demoted themselves could leave the site with no admin at all.
        if (AccountService.Normalize(name) == AccountService.Normalize(http.User.Identity?.Name ?? ""))
            return Results.BadRequest(new { error = "an admin cannot change their own account here; ask another admin or use `coding users`" });
        try
        {
            var a = await change();
            return TypedResults.Ok(new AccountRow(a.Name, a.Role, a.Disabled, a.LockedUntil > DateTimeOffset.UtcNow, a.CreatedAt, a.LastSignInAt));
        }
        catch (AccountException e)
        {
            return Results.BadRequest(new { error = e.Message });
        }
    }
}
