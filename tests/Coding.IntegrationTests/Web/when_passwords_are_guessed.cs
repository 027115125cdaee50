using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Coding.Core.Accounts;
using Coding.Core.Audit;
using Coding.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Web;

public sealed class when_passwords_are_guessed(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task twenty_parallel_wrong_passwords_lock_the_account_and_the_right_one_then_fails()
    {
        using var client = api.Anonymous();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            client.PostAsJsonAsync("/api/auth/signin", new { name = "coder", password = "wrong-password-" + i })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        var right = await client.PostAsJsonAsync("/api/auth/signin", new { name = "coder", password = api.Passwords[Roles.Coder] });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        var account = await AccountAsync("coder");
        Assert.NotNull(account.LockedUntil);
        await using var scope = api.Scope();
        var denied = await scope.ServiceProvider.GetRequiredService<CodingDbContext>().AuditEntries
            .CountAsync(a => a.Action == "auth.signin" && a.EntityId == account.Id.ToString() && a.Outcome == AuditOutcome.Denied);
        Assert.Equal(21, denied);
    }

    [Fact]
    public async Task every_wrong_password_counts_however_many_arrive_at_once()
    {
        // Below the lockout: 4 parallel wrong passwords must leave exactly 4 on the counter (no lost update).
        var outcomes = await Task.WhenAll(Enumerable.Range(0, AccountService.MaxFailedSignIns - 1).Select(async i =>
        {
            await using var scope = api.Scope();
            return (await scope.ServiceProvider.GetRequiredService<AccountService>().SignInAsync("cdi", "wrong-password-" + i, "test", default)).Outcome;
        }));

        Assert.All(outcomes, o => Assert.Equal(SignInOutcome.WrongNameOrPassword, o));
        Assert.Equal(AccountService.MaxFailedSignIns - 1, (await AccountAsync("cdi")).FailedSignIns);
    }

    [Fact]
    public async Task every_answer_costs_one_password_hash_of_the_same_work()
    {
        // No stopwatch: the answer for an unknown name, a locked or disabled account, a wrong or a right password is
        // the same work when each computes exactly one hash of the default work factor (the dummy hash otherwise).
        var password = "right-password-" + Guid.NewGuid().ToString("N");
        await using (var scope = api.Scope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            var admin = new Actor("test", Roles.Admin, "test");
            foreach (var name in new[] { "timing-locked", "timing-disabled", "timing-open" })
                await accounts.SaveAsync(name, Roles.Coder, password, update: true, admin, default);
            await accounts.SetDisabledAsync("timing-disabled", true, admin, default);
            for (var i = 0; i < AccountService.MaxFailedSignIns; i++)
                await accounts.SignInAsync("timing-locked", "wrong-password", "test", default);
        }

        var answers = new List<(SignInOutcome Outcome, IReadOnlyList<int> Hashes)>();
        foreach (var (name, attempt) in new[]
                 {
                     ("nobody-" + Guid.NewGuid().ToString("N"), password), ("timing-locked", password), ("timing-disabled", password),
                     ("timing-open", "wrong-password"), ("timing-open", password),
                 })
        {
            await using var scope = api.Scope();
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            var (result, hashes) = await HashesDuringAsync(() => accounts.SignInAsync(name, attempt, "test", default));
            answers.Add((result.Outcome, hashes));
        }

        Assert.Equal([SignInOutcome.WrongNameOrPassword, SignInOutcome.LockedOut, SignInOutcome.Disabled, SignInOutcome.WrongNameOrPassword,
            SignInOutcome.SignedIn], answers.Select(a => a.Outcome));
        Assert.All(answers, a => Assert.Equal([PasswordHashing.DefaultIterations], a.Hashes));
    }

    /// <summary>The password verifications this flow computed (tests running beside it count on their own flows).</summary>
    private static async Task<(T Result, IReadOnlyList<int> Hashes)> HashesDuringAsync<T>(Func<Task<T>> act)
    {
        var mine = new AsyncLocal<List<int>?> { Value = [] };
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == PasswordHashing.MeterName)
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "iterations" && tag.Value is int iterations)
                    mine.Value?.Add(iterations);
            }
        });
        listener.Start();
        var result = await act();
        return (result, mine.Value!.ToList());
    }

    private async Task<UserAccount> AccountAsync(string name)
    {
        await using var scope = api.Scope();
        return await scope.ServiceProvider.GetRequiredService<CodingDbContext>().UserAccounts.AsNoTracking().SingleAsync(a => a.Name == name);
    }
}

/// <summary>The production sign-in limits, over a window long enough that no test run crosses it.</summary>
public sealed class SignInLimitsHost : ApiHost
{
    public const int PerClient = 8;
    public const int PerAccount = 3;

    protected override void Configure(Dictionary<string, string> settings)
    {
        settings["Auth:SignInLimits:PerClient"] = PerClient.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Auth:SignInLimits:PerAccount"] = PerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Auth:SignInLimits:Window"] = "01:00:00";
    }
}

public sealed class when_sign_in_is_hammered(SignInLimitsHost api) : IClassFixture<SignInLimitsHost>
{
    [Fact]
    public async Task each_account_and_then_each_client_gets_only_so_many_tries()
    {
        using var client = api.Anonymous();
        async Task<HttpStatusCode> TryAsync(string name) =>
            (await client.PostAsJsonAsync("/api/auth/signin", new { name, password = "wrong-password" })).StatusCode;

        for (var i = 0; i < SignInLimitsHost.PerAccount; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, await TryAsync("admin"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await TryAsync("ADMIN"));

        // The client has used PerAccount + 1 of its tries; other names get the rest, then nothing.
        for (var i = SignInLimitsHost.PerAccount + 1; i < SignInLimitsHost.PerClient; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, await TryAsync("nobody-" + i));
        Assert.Equal(HttpStatusCode.TooManyRequests, await TryAsync("somebody-else"));
    }
}
