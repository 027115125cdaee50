using System.Security.Claims;
using Coding.Core.Audit;

namespace Coding.Api.Auth;

public static class UserActor
{
    /// <summary>The signed-in user as the audit trail names them: account name, role, and the remote address.</summary>
    public static Actor Actor(this HttpContext http)
    {
        var user = http.User;
        var name = user.Identity?.Name ?? throw new InvalidOperationException("no signed-in user");
        return new Actor(name, user.Role(), http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    /// <summary>The user's role among ours. Tokens from an identity provider may carry several roles; the first we know wins.</summary>
    public static string Role(this ClaimsPrincipal user)
    {
        var identity = user.Identity as ClaimsIdentity;
        var claimType = identity?.RoleClaimType ?? ClaimTypes.Role;
        return user.FindAll(claimType).Select(c => c.Value).FirstOrDefault(Coding.Core.Accounts.Roles.IsKnown) ?? "none";
    }
}
