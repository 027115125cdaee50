using System.Security.Claims;
using Coding.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Coding.Api.Auth;

/// <summary>
/// A local account's session carries the account's security stamp and role from sign-in, and every request checks both
/// against the database: a sign-out, a new password or role, or disabling the account changes the stamp, and every
/// cookie signed in before stops working at once (without this, a demoted manager's cookie kept the manager role).
/// One indexed read per request. Sessions from the identity provider (OIDC) are the provider's to end.
/// </summary>
public static class SessionStamp
{
    public const string ClaimType = "coding:stamp";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var user = context.Principal;
        if (user?.Identity?.AuthenticationType != AuthSetup.CookieScheme)
            return;
        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountService>();
        if (Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            && user.FindFirstValue(ClaimType) is { } stamp
            && user.FindFirstValue(ClaimTypes.Role) is { } role
            && await accounts.SessionIsCurrentAsync(id, stamp, role, context.HttpContext.RequestAborted))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(AuthSetup.CookieScheme);
    }
}
