using System.Threading.RateLimiting;
using Coding.Core.Accounts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Coding.Api.Auth;

/// <summary>
/// Sign-in attempts per client address (ASP.NET Core's rate-limiting middleware, policy <see cref="PerClient"/>) and
/// per account name (<see cref="TryAcquireForAccount"/>, checked in the endpoint once the body names the account):
/// the lockout stops guessing one account, these stop spraying many and keep the password hash from being a cheap way
/// to load the host. Beyond the limit: 429.
/// </summary>
public sealed class SignInLimits(IOptions<AuthOptions> options) : IDisposable
{
    public const string PerClient = "signin-per-client";

    private readonly PartitionedRateLimiter<string> _perAccount = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetFixedWindowLimiter(name, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.SignInLimits.PerAccount,
            Window = options.Value.SignInLimits.Window,
            QueueLimit = 0,
        }));

    public bool TryAcquireForAccount(string name)
    {
        using var lease = _perAccount.AttemptAcquire(AccountService.Normalize(name));
        return lease.IsAcquired;
    }

    public void Dispose() => _perAccount.Dispose();

    public static WebApplicationBuilder AddSignInLimits(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SignInLimits>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(PerClient, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.SignInLimits;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PerClient,
                    Window = limits.Window,
                    QueueLimit = 0,
                });
            });
        });
        return builder;
    }
}
