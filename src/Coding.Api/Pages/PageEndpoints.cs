using Coding.Api.Auth;
using Coding.Core.Accounts;

namespace Coding.Api.Pages;

/// <summary>
/// The signed-in pages. Their HTML holds no data (each page fetches /api/... with the session), but serving them
/// through endpoints with a policy means a coder asking for an admin page gets 403, and the endpoint security test
/// covers every page as it does every API call. Shared assets (wwwroot: app.css, js/) are public.
/// </summary>
public static class PageEndpoints
{
    /// <summary>Where each role lands after sign-in.</summary>
    public static string HomeOf(string role) => role switch
    {
        Roles.Coder => "/queue",
        Roles.Manager => "/dashboard",
        Roles.Cdi => "/cdi",
        Roles.Admin => "/admin",
        _ => "/denied.html",
    };

    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http) => Results.Redirect(HomeOf(http.User.Role()))).ExcludeFromDescription();
        app.MapPage("/queue", "queue.html", Policies.Coding);
        app.MapPage("/encounter", "encounter.html", Policies.Coding);
        app.MapPage("/admin", "admin.html", Policies.Admin);
        return app;
    }

    public static RouteHandlerBuilder MapPage(this IEndpointRouteBuilder app, string route, string file, string policy) =>
        app.MapGet(route, (HttpContext http, IWebHostEnvironment env) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return Results.File(Path.Combine(env.ContentRootPath, "Pages", file), "text/html; charset=utf-8");
            })
            .RequireAuthorization(policy)
            .ExcludeFromDescription();
}
