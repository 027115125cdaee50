using System.Security.Claims;
using Coding.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Coding.Api.Auth;

public static class AuthSetup
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string SessionCookie = "coding.session";
    private const string Selector = "cookie-or-bearer";

    /// <summary>
    /// Local accounts signed in with a cookie (always), JWT bearer for API clients and OpenID Connect for browsers when
    /// configured, the role policies and a fallback policy that closes every endpoint not explicitly opened.
    /// </summary>
    public static WebApplicationBuilder AddCodingAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<AccountService>();
        // Schemes are registered from configuration before the container exists; ValidateOnStart still checks the values.
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();

        var auth = builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = Selector;
                o.DefaultChallengeScheme = Selector;
            })
            .AddPolicyScheme(Selector, "cookie, or bearer token when one is sent", o => o.ForwardDefaultSelector = http =>
                options.Jwt.Enabled && http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = SessionCookie;
                o.Cookie.HttpOnly = true;
                // Strict: the browser never sends the session on a cross-site request, so no other site can make a
                // signed-in coder's browser accept or finalize anything (our CSRF defence, with JSON-only bodies).
                o.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the request is HTTPS, as the known proxy reports it (Hosting:KnownProxies).
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = options.SessionTimeout;
                o.SlidingExpiration = true;
                o.LoginPath = "/signin.html";
                o.ReturnUrlParameter = "returnUrl";
                o.Events.OnValidatePrincipal = SessionStamp.ValidateAsync;
                o.Events.OnRedirectToLogin = ctx => Refuse(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => Refuse(ctx, StatusCodes.Status403Forbidden);
            });

        if (options.Jwt.Enabled)
        {
            auth.AddJwtBearer(o =>
            {
                o.Authority = options.Jwt.Authority;
                o.Audience = options.Jwt.Audience;
                o.MapInboundClaims = false;
                o.TokenValidationParameters.RoleClaimType = options.Jwt.RoleClaim;
                o.TokenValidationParameters.NameClaimType = "preferred_username";
            });
        }
        if (options.Oidc.Enabled)
        {
            auth.AddOpenIdConnect(OidcScheme, options.Oidc.DisplayName, o =>
            {
                o.SignInScheme = CookieScheme;
                o.Authority = options.Oidc.Authority;
                o.ClientId = options.Oidc.ClientId;
                o.ClientSecret = options.Oidc.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.SaveTokens = false;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = true;
                o.Scope.Add("profile");
                o.TokenValidationParameters.RoleClaimType = options.Oidc.RoleClaim;
                o.TokenValidationParameters.NameClaimType = "preferred_username";
            });
        }
        builder.Services.AddAuthorization(Policies.Add);
        SignInLimits.AddSignInLimits(builder);
        return builder;
    }

    /// <summary>The claims a local account signs in with (the same shape OIDC/JWT users are read through).</summary>
    public static ClaimsPrincipal Principal(UserAccount account) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()), new Claim(ClaimTypes.Name, account.Name),
                new Claim(ClaimTypes.Role, account.Role), new Claim(SessionStamp.ClaimType, account.SecurityStamp),
            ],
            CookieScheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>API calls get a bare status; a page visit without a session goes to the sign-in page, one with the wrong role gets the refusal page.</summary>
    private static async Task Refuse(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        var request = ctx.Request;
        if (request.Path.StartsWithSegments("/api") || !HttpMethods.IsGet(request.Method))
        {
            ctx.Response.StatusCode = status;
            return;
        }
        if (status == StatusCodes.Status401Unauthorized)
        {
            // Relative: the absolute form would echo the request's Host header back as a redirect target.
            ctx.Response.Redirect(new Uri(ctx.RedirectUri, UriKind.RelativeOrAbsolute) is { IsAbsoluteUri: true } absolute
                ? absolute.PathAndQuery
                : ctx.RedirectUri);
            return;
        }
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        var page = ctx.HttpContext.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider.GetFileInfo("denied.html");
        await ctx.Response.SendFileAsync(page);
    }
}
