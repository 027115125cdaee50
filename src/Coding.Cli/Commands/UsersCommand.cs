using System.CommandLine;
using Coding.Core.Accounts;
using Coding.Core.Audit;
using Coding.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.Cli.Commands;

/// <summary>`coding users add|list|disable|enable|unlock|reset-password|role`: local accounts for sites without an identity provider.</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "sign-in name (letters, digits, . _ - @)", Required = true };
        var role = new Option<string>("--role") { Description = $"one of {string.Join(", ", Roles.All)}", Required = true };
        var passwordEnv = new Option<string?>("--password-env")
        {
            Description = "name of an environment variable holding the password (keeps it out of argv and shell history); without it a random one is generated and printed once",
        };
        var update = new Option<bool>("--update") { Description = "if the account exists, set its role and password instead of failing" };
        var add = new Command("add", "Create a local account (or, with --update, change one)") { name, role, passwordEnv, update };
        add.SetAction(async (parse, ct) =>
        {
            var variable = parse.GetValue(passwordEnv);
            var password = variable is null ? PasswordHashing.NewPassword() : Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(password))
            {
                Console.Error.WriteLine($"environment variable {variable} is not set");
                return 2;
            }
            using var host = CliHost.Build();
            await using var scope = host.Services.CreateAsyncScope();
            var accounts = new AccountService(scope.ServiceProvider.GetRequiredService<CodingDbContext>(), TimeProvider.System);
            try
            {
                var account = await accounts.SaveAsync(parse.GetValue(name)!, parse.GetValue(role)!, password, parse.GetValue(update), Actor.Cli(), ct);
                Console.WriteLine(variable is null
                    ? $"account {account.Name} ({account.Role}) saved; password (shown once): {password}"
                    : $"account {account.Name} ({account.Role}) saved");
                return 0;
            }
            catch (AccountException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        });

        var list = new Command("list", "List local accounts (names, roles, state; never passwords)");
        list.SetAction(async (_, ct) =>
        {
            using var host = CliHost.Build();
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
            var now = DateTimeOffset.UtcNow;
            foreach (var a in await db.UserAccounts.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct))
                Console.WriteLine($"{a.Name,-24} {a.Role,-8} {(a.Disabled ? "disabled" : a.LockedUntil > now ? "locked" : "active"),-8} last sign-in {a.LastSignInAt?.ToString("u") ?? "never"}");
            return 0;
        });
        var newRole = new Option<string>("--role") { Description = $"one of {string.Join(", ", Roles.All)}", Required = true };
        var newPasswordEnv = new Option<string?>("--password-env")
        {
            Description = "environment variable holding the new password; without it one is generated and printed once",
        };
        return new Command("users", "Local accounts: add, list, disable, enable, unlock, reset-password, role")
        {
            add, list,
            Change("disable", "Disable an account and end its sessions", (_, a, n, ct) => a.SetDisabledAsync(n, disabled: true, Actor.Cli(), ct)),
            Change("enable", "Enable a disabled account", (_, a, n, ct) => a.SetDisabledAsync(n, disabled: false, Actor.Cli(), ct)),
            Change("unlock", "Lift a lockout before it runs out", (_, a, n, ct) => a.UnlockAsync(n, Actor.Cli(), ct)),
            Change("role", "Give an account another role (ends its sessions)",
                (parse, a, n, ct) => a.ChangeRoleAsync(n, parse.GetValue(newRole)!, Actor.Cli(), ct), newRole),
            Change("reset-password", "Set a new password (unlocks; ends the account's sessions)", async (parse, a, n, ct) =>
            {
                var variable = parse.GetValue(newPasswordEnv);
                var password = variable is null ? PasswordHashing.NewPassword() : Environment.GetEnvironmentVariable(variable) ?? "";
                var account = await a.ResetPasswordAsync(n, password, Actor.Cli(), ct);
                if (variable is null)
                    Console.WriteLine($"new password for {account.Name} (shown once): {password}");
                return account;
            }, newPasswordEnv),
        };
    }

    /// <summary>One audited change to one account (AccountService records it as the CLI user).</summary>
    private static Command Change(string verb, string description, Func<ParseResult, AccountService, string, CancellationToken, Task<UserAccount>> change,
        Option? extra = null)
    {
        var name = new Option<string>("--name") { Description = "sign-in name", Required = true };
        var command = new Command(verb, description) { name };
        if (extra is not null)
            command.Options.Add(extra);
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            await using var scope = host.Services.CreateAsyncScope();
            var accounts = new AccountService(scope.ServiceProvider.GetRequiredService<CodingDbContext>(), TimeProvider.System);
            try
            {
                var account = await change(parse, accounts, parse.GetValue(name)!, ct);
                Console.WriteLine($"account {account.Name} ({account.Role}): {verb} done");
                return 0;
            }
            catch (AccountException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return command;
    }
}
