using Coding.Core.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Coding.Api.Auth;

/// <summary>
/// Named authorization policies, one per kind of work. Endpoints name a policy, never a role, so who may do what is
/// decided here in one table. Admin may do everything a site needs to administer, but is not a coder.
/// </summary>
public static class Policies
{
    public const string Coding = "coding";
    public const string Management = "management";
    public const string Cdi = "cdi";
    public const string Admin = "admin";
    public const string Ingest = "ingest";

    /// <summary>Which roles each policy admits (also read by the endpoint security test).</summary>
    public static IReadOnlyDictionary<string, string[]> RolesOf { get; } = new Dictionary<string, string[]>
    {
        [Coding] = [Roles.Coder],
        [Management] = [Roles.Manager, Roles.Admin],
        [Cdi] = [Roles.Cdi, Roles.Manager],
        [Admin] = [Roles.Admin],
        [Ingest] = [Roles.Ingest, Roles.Admin],
    };

    public static void Add(AuthorizationOptions options)
    {
        foreach (var (policy, roles) in RolesOf)
            options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        // Nothing is open by accident: an endpoint without its own policy still needs a signed-in user, and the
        // anonymous ones (sign-in, health, static assets) say AllowAnonymous explicitly.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
