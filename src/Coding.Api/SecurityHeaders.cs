namespace Coding.Api;

public static class SecurityHeaders
{
    /// <summary>
    /// Notes may contain hostile HTML; the pages never parse note text as markup, and this policy is the second line:
    /// scripts and styles only from this origin, no inline script, no framing, no plugins.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // Notes, codes and names are PHI: no answer of this host is kept in a browser's or a proxy's cache (one
            // note's JSON was found in Chromium's disk cache). The public assets are small and served from the LAN.
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            await next();
        });
}
