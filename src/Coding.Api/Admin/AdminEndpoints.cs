using Coding.Api.Auth;
using Coding.Core.Accounts;
using Coding.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Coding.Api.Admin;

public static class AdminEndpoints
{
    public sealed record NewAccount(string? Name, string? Role, string? Password);

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
        return app;
    }
}
