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
        CheckPassword(password);

        var now = clock.GetUtcNow();
        var account = await db.UserAccounts.FirstOrDefaultAsync(a => a.Name == normalized, ct);
        if (account is not null && !update)
            throw new AccountException($"account {normalized} already exists");
        if (account is null)
        {
            account = new UserAccount
            {
                Id = NewId.NextGuid(), Name = normalized, Role = role, PasswordHash = PasswordHashing.Hash(password), CreatedAt = now,
                SecurityStamp = UserAccount.NewSecurityStamp(),
            };
            db.UserAccounts.Add(account);
        }
        else
        {
            account.Role = role;
            account.PasswordHash = PasswordHashing.Hash(password);
            account.FailedSignIns = 0;
            account.LockedUntil = null;
            // A new role or password ends every session signed in before it.
            account.SecurityStamp = UserAccount.NewSecurityStamp();
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

    /// <summary>
    /// Checks a password. The lockout counter moves in one UPDATE … RETURNING per wrong password, so parallel guesses
    /// cannot lose each other's increments (read-modify-write did: 20 parallel wrong passwords left the counter at 2).
    /// Every path costs one password hash: an unknown name, a locked or a disabled account verify against a dummy, so
    /// the answer's timing says nothing about which it was.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string name, string password, string origin, CancellationToken ct)
    {
        var normalized = Normalize(name);
        var account = await db.UserAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Name == normalized, ct);
        var now = clock.GetUtcNow();
        if (account is null)
        {
            PasswordHashing.Verify(password, DummyHash);
            return new(SignInOutcome.WrongNameOrPassword, null);
        }

        SignInOutcome outcome;
        if (account.Disabled || account.LockedUntil > now)
        {
            PasswordHashing.Verify(password, DummyHash);
            outcome = account.Disabled ? SignInOutcome.Disabled : SignInOutcome.LockedOut;
        }
        else if (!PasswordHashing.Verify(password, account.PasswordHash))
        {
            await db.Database.SqlQuery<DateTimeOffset?>($"""
                UPDATE user_accounts SET
                    failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= {MaxFailedSignIns} THEN 0 ELSE failed_sign_ins + 1 END,
                    locked_until = CASE WHEN failed_sign_ins + 1 >= {MaxFailedSignIns} THEN {now + LockoutDuration} ELSE locked_until END
                WHERE id = {account.Id}
                RETURNING locked_until AS "Value"
                """).ToListAsync(ct);
            outcome = SignInOutcome.WrongNameOrPassword;
        }
        else
        {
            // Only if no parallel wrong password locked it (or an admin disabled it) since it was read.
            var signedIn = await db.Database.SqlQuery<Guid>($"""
                UPDATE user_accounts SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = {now}
                WHERE id = {account.Id} AND NOT disabled AND (locked_until IS NULL OR locked_until <= {now})
                RETURNING id AS "Value"
                """).ToListAsync(ct);
            outcome = signedIn.Count == 1 ? SignInOutcome.SignedIn : SignInOutcome.LockedOut;
        }
        var success = outcome == SignInOutcome.SignedIn;
        db.Record(new Actor(account.Name, account.Role, origin), "auth.signin", nameof(UserAccount), account.Id,
            success ? AuditOutcome.Success : AuditOutcome.Denied, $$"""{"outcome":"{{outcome}}"}""", clock);
        await db.SaveChangesAsync(ct);
        return new(outcome, success ? account : null);
    }

    /// <summary>The stamp a session was signed in with still holds, the account is enabled and its role unchanged.</summary>
    public async Task<bool> SessionIsCurrentAsync(Guid accountId, string stamp, string role, CancellationToken ct) =>
        await db.UserAccounts.AsNoTracking()
            .AnyAsync(a => a.Id == accountId && a.SecurityStamp == stamp && a.Role == role && !a.Disabled, ct);

    /// <summary>Ends every session of the account (a new stamp); on sign-out, so a copied cookie dies with the one signed out.</summary>
    public async Task RevokeSessionsAsync(Guid accountId, Actor actor, CancellationToken ct)
    {
        var changed = await db.UserAccounts.Where(a => a.Id == accountId)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.SecurityStamp, UserAccount.NewSecurityStamp()), ct);
        if (changed == 0)
            return;
        db.Record(actor, "auth.signout", nameof(UserAccount), accountId, clock: clock);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Disables or enables an account; disabling ends its sessions at once.</summary>
    public Task<UserAccount> SetDisabledAsync(string name, bool disabled, Actor actor, CancellationToken ct) =>
        ChangeAsync(name, actor, disabled ? "account.disabled" : "account.enabled", null, a =>
        {
            a.Disabled = disabled;
            if (disabled)
                a.SecurityStamp = UserAccount.NewSecurityStamp();
        }, ct);

    /// <summary>Lifts a lockout before it runs out.</summary>
    public Task<UserAccount> UnlockAsync(string name, Actor actor, CancellationToken ct) =>
        ChangeAsync(name, actor, "account.unlocked", null, a =>
        {
            a.FailedSignIns = 0;
            a.LockedUntil = null;
        }, ct);

    /// <summary>Gives the account another role; its sessions end, so the old role is not kept by an open browser.</summary>
    public Task<UserAccount> ChangeRoleAsync(string name, string role, Actor actor, CancellationToken ct)
    {
        if (!Roles.IsKnown(role))
            throw new AccountException($"role must be one of {string.Join(", ", Roles.All)}");
        return ChangeAsync(name, actor, "account.role-changed", $$"""{"role":"{{role}}"}""", a =>
        {
            a.Role = role;
            a.SecurityStamp = UserAccount.NewSecurityStamp();
        }, ct);
    }

    /// <summary>Sets a new password (and unlocks); every session signed in with the old one ends.</summary>
    public Task<UserAccount> ResetPasswordAsync(string name, string password, Actor actor, CancellationToken ct)
    {
        CheckPassword(password);
        return ChangeAsync(name, actor, "account.password-reset", null, a =>
        {
            a.PasswordHash = PasswordHashing.Hash(password);
            a.FailedSignIns = 0;
            a.LockedUntil = null;
            a.SecurityStamp = UserAccount.NewSecurityStamp();
        }, ct);
    }

    private async Task<UserAccount> ChangeAsync(string name, Actor actor, string action, string? detail, Action<UserAccount> change, CancellationToken ct)
    {
        var normalized = Normalize(name);
        var account = await db.UserAccounts.FirstOrDefaultAsync(a => a.Name == normalized, ct)
            ?? throw new AccountException($"no account {normalized}");
        change(account);
        db.Record(actor, action, nameof(UserAccount), account.Id, detail: detail, clock: clock);
        await db.SaveChangesAsync(ct);
        return account;
    }

    private static void CheckPassword(string password)
    {
        if (password.Length < 12)
            throw new AccountException("password must be at least 12 characters");
    }
}

/// <summary>An account request that cannot be honoured; the message is safe to show (names and roles only).</summary>
public sealed class AccountException(string message) : Exception(message);
