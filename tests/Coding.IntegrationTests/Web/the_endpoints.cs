using System.Net;
using System.Text;
using Coding.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Coding.IntegrationTests.Web;

/// <summary>
/// Every endpoint the app maps, found in its EndpointDataSource: anonymous callers are refused, every role outside the
/// area's row of <see cref="Allowed"/> gets 403 and every role in it gets past authorization. The table is written here,
/// from the README's role table, not read from Policies or the endpoints' metadata (the code under test): a policy that
/// admits a role it should not fails here. An endpoint added later in no area fails until it is given a row.
/// </summary>
public sealed class the_endpoints(ApiHost api) : IClassFixture<ApiHost>
{
    /// <summary>The only endpoints open without a session, each for a stated reason.</summary>
    private static readonly HashSet<string> OpenToAnonymous =
    [
        "/health/live", "/health/ready",                  // probes of the orchestrator
        "/api/auth/signin", "/api/auth/providers", "/api/auth/oidc", // how one gets a session
        "/v1/chat/completions",                           // its own gate: loopback or Model:ServeApiKey
        "/metrics",                                       // its own gate: loopback or Metrics:ApiKey (Prometheus has no session)
    ];

    /// <summary>Open to any signed-in user whatever the role: only these, with no data in them.</summary>
    private static readonly HashSet<string> AnyRole = ["/", "/api/auth/me", "/api/auth/signout"];

    /// <summary>Area (method and template prefix) → the roles that may use it. The longest matching prefix wins.</summary>
    private static readonly (string Method, string Prefix, string[] Roles)[] Allowed =
    [
        ("POST", "/api/encounters", [Roles.Ingest, Roles.Admin]),                  // HTTP ingest: the exact template only
        ("POST", "/fhir/Bundle", [Roles.Ingest, Roles.Admin]),                     // FHIR ingest: the exact template only
        ("*", "/api/encounters/", [Roles.Coder]),
        ("*", "/api/queue", [Roles.Coder]),
        ("*", "/api/holds", [Roles.Coder]),
        ("*", "/api/review", [Roles.Coder]),
        ("*", "/api/codebook", [Roles.Coder]),
        ("*", "/queue", [Roles.Coder]),
        ("*", "/encounter", [Roles.Coder]),
        ("*", "/api/admin", [Roles.Admin]),
        ("*", "/admin", [Roles.Admin]),
        ("*", "/api/dashboard", [Roles.Manager, Roles.Admin]),
        ("*", "/dashboard", [Roles.Manager, Roles.Admin]),
        ("*", "/api/cdi", [Roles.Cdi, Roles.Manager]),
        ("*", "/cdi", [Roles.Cdi, Roles.Manager]),
    ];

    private static string[]? Expected(string method, string template)
    {
        if (AnyRole.Contains(template))
            return [.. Roles.All];
        return Allowed
            .Where(a => (a.Method == "*" || a.Method == method) && (a.Method == "*" ? template.StartsWith(a.Prefix, StringComparison.Ordinal) : template == a.Prefix))
            .OrderByDescending(a => a.Method == "*" ? a.Prefix.Length : int.MaxValue)
            .Select(a => a.Roles)
            .FirstOrDefault();
    }

    private sealed record Probe(string Method, string Path, string Template, string[]? AllowedRoles, bool Anonymous);

    private IReadOnlyList<Probe> Probes()
    {
        var sources = ((IEndpointRouteBuilder)api.App).DataSources;
        var probes = new List<Probe>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var path = Fill(endpoint.RoutePattern);
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                probes.Add(new Probe(method, path, template, Expected(method, template), anonymous));
        }
        return probes;
    }

    [Fact]
    public void are_found_and_only_the_listed_ones_are_open()
    {
        var probes = Probes();
        Assert.True(probes.Count >= 10, $"only {probes.Count} endpoints found: is the data source read?");
        Assert.Equal(OpenToAnonymous.Order(), probes.Where(p => p.Anonymous).Select(p => p.Template).Distinct().Order());
        Assert.Empty(probes.Where(p => !p.Anonymous && p.AllowedRoles is null).Select(p => $"{p.Method} {p.Template} is in no area of the table"));
        // Every area of the app is in what was found: ingest, review, admin, pages, the dashboard and CDI (pages and
        // APIs), metrics and the model endpoint (their gates: when_machine_endpoints_are_called_from_another_address).
        var templates = probes.Select(p => p.Template).ToHashSet();
        Assert.Superset(new HashSet<string> { "/api/encounters", "/api/queue", "/api/admin", "/api/dashboard", "/api/cdi", "/api/auth", "/api/codebook" },
            templates.Where(t => t.StartsWith("/api/", StringComparison.Ordinal)).Select(t => string.Join('/', t.Split('/').Take(3))).ToHashSet());
        Assert.Superset(new HashSet<string> { "/queue", "/encounter", "/admin", "/dashboard", "/cdi", "/metrics", "/v1/chat/completions" }, templates);
    }

    [Fact]
    public async Task refuse_a_caller_without_a_session()
    {
        using var client = api.Anonymous();
        var failures = new List<string>();
        foreach (var probe in Probes().Where(p => !p.Anonymous))
        {
            using var response = await client.SendAsync(Request(probe));
            var toSignIn = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/signin.html", StringComparison.Ordinal) == true;
            if (response.StatusCode != HttpStatusCode.Unauthorized && !toSignIn)
                failures.Add($"{probe.Method} {probe.Path}: {(int)response.StatusCode}");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task refuse_every_role_outside_the_area_and_admit_every_role_inside_it()
    {
        var failures = new List<string>();
        var refusedCount = 0;
        foreach (var role in Roles.All)
        {
            using var client = await api.SignedInAsync(role);
            // Signing out would end this client's session (and every other of the account) before the rest is probed.
            foreach (var probe in Probes().Where(p => !p.Anonymous && p.AllowedRoles is not null && p.Template != "/api/auth/signout"))
            {
                using var response = await client.SendAsync(Request(probe));
                var admitted = probe.AllowedRoles!.Contains(role);
                if (!admitted)
                    refusedCount++;
                if (admitted ? response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden : response.StatusCode != HttpStatusCode.Forbidden)
                    failures.Add($"{role}: {probe.Method} {probe.Path}: {(int)response.StatusCode} ({(admitted ? "should be admitted" : "should be 403")})");
            }
        }
        Assert.Empty(failures);
        Assert.True(refusedCount > 10, $"only {refusedCount} wrong-role requests made");
    }

    private static HttpRequestMessage Request(Probe probe) => new(new HttpMethod(probe.Method), probe.Path)
    {
        Content = probe.Method is "GET" or "HEAD" or "DELETE" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
    };

    /// <summary>A concrete URL for a route template: a fresh id for every parameter (ids are guids here), literals as they are.</summary>
    private static string Fill(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => parameter.ParameterPolicies.Any(p => p.Content == "int") ? "1" : Guid.NewGuid().ToString(),
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }
}
