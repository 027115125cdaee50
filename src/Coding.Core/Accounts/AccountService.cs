using Coding.Core.Audit;
using Coding.Core.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coding.Core.Accounts;

public enum SignInOutcome
{
    SignedIn,
    WrongNameOrPassword,
    LockedOut,
    Disabled,
}

public sealed record SignInResult(SignInOutcome Outcome, UserAccount? Account);

/// <summary>Local accounts: create, change, verify a password with lockout. Every change and every sign-in attempt is audit-logged.</summary>
public sealed class AccountService(CodingDbContext db, TimeProvider clock)
{
    /// <summary>Five wrong passwords in a row lock the account for 15 minutes: slows guessing to ~500 tries a day per name.</summary>
    public const int MaxFailedSignIns = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    // Verified against when the name is unknown, so a wrong name costs as long as a wrong password (no name probing by timing).
    private static readonly string DummyHash = PasswordHashing.Hash("not-a-real-password");

    public static string Normalize(string name) => name.Trim().ToLowerInvariant();

    /// <summary>Creates the account, or (when <paramref name="update"/>) changes the role and password of an existing one.</summary>
    public async Task<UserAccount> SaveAsync(string name, string role, string password, bool update, Actor actor, CancellationToken ct)
    {
        var normalized = Normalize(name);
        if (normalized.Length is 0 or > 64 || normalized.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@')))
            throw new AccountException("name must be 1-64 characters of letters, digits, '.', '_', '-' or '@'");
        if (!Roles.IsKnown(role))
            throw new AccountException($"role must be one of {string.Join(", ", Roles.All)}");
        if (password.Length < 12)
            throw new AccountException("password must be at least 12 characters");

        var now = clock.GetUtcNow();
        var account = await db.UserAccounts.FirstOrDefaultAsync(a => a.Name == normalized, ct);
        if (account is not null && !update)
            throw new AccountException($"account {normalized} already exists");
        if (account is null)
        {
            account = new UserAccount { Id = NewId.NextGuid(), Name = normalized, Role = role, PasswordHash = PasswordHashing.Hash(password), CreatedAt = now };
            db.UserAccounts.Add(account);
        }
        else
        {
            account.Role = role;
            account.PasswordHash = PasswordHashing.Hash(password);
            account.FailedSignIns = 0;
            account.LockedUntil = null;
        }
        db.Record(actor, account.CreatedAt == now ? "account.created" : "account.updated", nameof(UserAccount), account.Id, detail: $$"""{"role":"{{role}}"}""", clock: clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new AccountException($"account {normalized} already exists");
        }
        return account;
    }

    public async Task<SignInResult> SignInAsync(string name, string password, string origin, CancellationToken ct)
    {
        var normalized = Normalize(name);
        var account = await db.UserAccounts.FirstOrDefaultAsync(a => a.Name == normalized, ct);
        var now = clock.GetUtcNow();
        if (account is null)
        {
            PasswordHashing.Verify(password, DummyHash);
            return new(SignInOutcome.WrongNameOrPassword, null);
        }

        SignInOutcome outcome;
        if (account.Disabled)
            outcome = SignInOutcome.Disabled;
        else if (account.LockedUntil > now)
            outcome = SignInOutcome.LockedOut;
        else if (!PasswordHashing.Verify(password, account.PasswordHash))
        {
            account.FailedSignIns++;
            if (account.FailedSignIns >= MaxFailedSignIns)
            {
                account.LockedUntil = now + LockoutDuration;
                account.FailedSignIns = 0;
            }
            outcome = SignInOutcome.WrongNameOrPassword;
        }
        else
        {
            account.FailedSignIns = 0;
            account.LockedUntil = null;
            account.LastSignInAt = now;
            outcome = SignInOutcome.SignedIn;
        }
        var success = outcome == SignInOutcome.SignedIn;
        db.Record(new Actor(account.Name, account.Role, origin), "auth.signin", nameof(UserAccount), account.Id,
            success ? AuditOutcome.Success : AuditOutcome.Denied, $$"""{"outcome":"{{outcome}}"}""", clock);
        await db.SaveChangesAsync(ct);
        return new(outcome, success ? account : null);
    }
}

/// <summary>An account request that cannot be honoured; the message is safe to show (names and roles only).</summary>
public sealed class AccountException(string message) : Exception(message);
