using System.Net;
using Coding.Api.Auth;
using Coding.Core.Audit;
using Coding.Core.Data;
using Microsoft.AspNetCore.HttpOverrides;

namespace Coding.Api.Hosting;

/// <summary>What every request passes through before the endpoints: the proxy's word (only from a known proxy), HSTS on
/// HTTPS, the anti-forgery header on state-changing requests that carry the session, and an audit row per refusal.</summary>
public static class RequestHardening
{
    /// <summary>
    /// Sent by our pages' fetch wrapper on every request. A page on another origin (another port of the same host
    /// included: SameSite=Strict does not stop that one) cannot add a custom header to a cross-origin request without a
    /// CORS preflight, which this host never grants; a plain form post or an &lt;img&gt; cannot add one at all.
    /// </summary>
    public const string AntiForgeryHeader = "X-Coding-Request";

    public static WebApplicationBuilder AddRequestHardening(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HostingOptions>().BindConfiguration(HostingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var proxies = builder.Configuration.GetSection(HostingOptions.Section).Get<HostingOptions>()?.KnownProxies ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback: behind nothing, a local caller could claim any address or scheme.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the older list of the same networks, still consulted
            o.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in proxies)
                o.KnownProxies.Add(IPAddress.Parse(proxy));
        });
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        KeyRingOptions.AddKeyRingProtection(builder);
        return builder;
    }

    public static WebApplication UseRequestHardening(this WebApplication app)
    {
        // Only with proxies named: with both lists empty the middleware believes every caller's headers.
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HostingOptions>>().Value.KnownProxies.Count > 0)
            app.UseForwardedHeaders();
        // Only on HTTPS requests (as the proxy reports them) and never for localhost: a development host stays reachable.
        app.UseHsts();
        // Outermost of the two, so the anti-forgery refusal is audited as well.
        app.Use(AuditRefusalsAsync);
        app.Use(RefuseForgedRequestsAsync);
        return app;
    }

    private static Task RefuseForgedRequestsAsync(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        // Bearer tokens and API keys are not sent by a browser on its own; the session cookie (and a sign-in, which
        // would plant one) is.
        var ambient = request.Cookies.ContainsKey(AuthSetup.SessionCookie) || request.Path.StartsWithSegments("/api/auth/signin");
        if (unsafeMethod && ambient && !request.Headers.ContainsKey(AntiForgeryHeader))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return http.Response.WriteAsJsonAsync(new { error = $"state-changing requests need the {AntiForgeryHeader} header" });
        }
        return next(http);
    }

    private static async Task AuditRefusalsAsync(HttpContext http, RequestDelegate next)
    {
        await next(http);
        if (http.Response.StatusCode is not (StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden))
            return;
        // Paths hold ids and route names, never note text; the query string is left out all the same.
        var user = http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name ?? "unknown" : "anonymous";
        var actor = new Actor(user, http.User.Identity?.IsAuthenticated == true ? http.User.Role() : "none",
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        await using var scope = http.RequestServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var path = http.Request.Path.Value ?? "";
        db.Record(actor, http.Response.StatusCode == StatusCodes.Status401Unauthorized ? "http.unauthorized" : "http.forbidden",
            "request", $"{http.Request.Method} {path[..Math.Min(path.Length, 200)]}", AuditOutcome.Denied,
            clock: scope.ServiceProvider.GetRequiredService<TimeProvider>());
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
