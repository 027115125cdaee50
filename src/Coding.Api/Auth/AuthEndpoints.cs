using System.Security.Claims;
using Coding.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Coding.Api.Auth;

public static class AuthEndpoints
{
    public sealed record SignInRequest(string? Name, string? Password);

    public sealed record Me(string Name, string Role, bool LocalAccount);

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth");
        group.MapPost("/signin", SignInAsync).AllowAnonymous().RequireRateLimiting(SignInLimits.PerClient);
        group.MapPost("/signout", async (HttpContext http, AccountService accounts, CancellationToken ct) =>
        {
            // Every session of a local account ends, not only this browser's: a copied cookie dies with it.
            if (http.User.Identity?.AuthenticationType == AuthSetup.CookieScheme
                && Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
                await accounts.RevokeSessionsAsync(id, http.Actor(), ct);
            await http.SignOutAsync(AuthSetup.CookieScheme);
            return Results.NoContent();
        });
        group.MapGet("/me", (HttpContext http) => new Me(http.User.Identity!.Name!, http.User.Role(), http.User.Identity.AuthenticationType == AuthSetup.CookieScheme));
        group.MapGet("/providers", (IOptions<AuthOptions> options) => new { oidc = options.Value.Oidc.Enabled ? options.Value.Oidc.DisplayName : null }).AllowAnonymous();
        group.MapGet("/oidc", (IOptions<AuthOptions> options, string? returnUrl) => options.Value.Oidc.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) }, [AuthSetup.OidcScheme])
                : Results.NotFound())
            .AllowAnonymous();
        return app;
    }

    private static async Task<IResult> SignInAsync(SignInRequest request, AccountService accounts, SignInLimits limits, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrEmpty(request.Password))
            return Results.BadRequest(new { error = "name and password are required" });
        if (!limits.TryAcquireForAccount(request.Name))
            return Results.Json(new { error = "too many sign-in attempts for this name; try again later" }, statusCode: StatusCodes.Status429TooManyRequests);
        var origin = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var result = await accounts.SignInAsync(request.Name, request.Password, origin, ct);
        if (result.Account is not { } account)
        {
            // One answer for a wrong name, a wrong password, a locked or a disabled account: nothing to probe.
            return Results.Json(new { error = "wrong name or password, or the account is locked for a while" }, statusCode: StatusCodes.Status401Unauthorized);
        }
        await http.SignInAsync(AuthSetup.CookieScheme, AuthSetup.Principal(account));
        return Results.Ok(new Me(account.Name, account.Role, true));
    }

    /// <summary>
    /// Only same-site paths, as ASP.NET Core's Url.IsLocalUrl decides: "/" followed by neither "/" nor "\" (browsers read
    /// "/\host" as "//host") and no control character anywhere (browsers drop a tab, so "/%09/host" becomes "//host").
    /// </summary>
    public static string LocalOnly(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/'
            && (returnUrl.Length == 1 || returnUrl[1] is not ('/' or '\\'))
            && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : "/";
}
