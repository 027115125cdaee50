using System.Net;
using System.Text;
using Coding.Api.Auth;
using Coding.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Coding.IntegrationTests.Web;

/// <summary>
/// Every endpoint the app maps, found in its EndpointDataSource (so an endpoint added later is covered without editing
/// this test): anonymous callers are refused, and every role outside the endpoint's policy gets 403.
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
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
            var allowed = policies.Count == 0 ? null : policies.Select(p => Policies.RolesOf[p]).Aggregate((a, b) => a.Intersect(b).ToArray());
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                probes.Add(new Probe(method, path, template, allowed, anonymous));
        }
        return probes;
    }

    [Fact]
    public void are_found_and_only_the_listed_ones_are_open()
    {
        var probes = Probes();
        Assert.True(probes.Count >= 10, $"only {probes.Count} endpoints found: is the data source read?");
        Assert.Equal(OpenToAnonymous.Order(), probes.Where(p => p.Anonymous).Select(p => p.Template).Distinct().Order());
        Assert.Empty(probes.Where(p => !p.Anonymous && p.AllowedRoles is null && !AnyRole.Contains(p.Template)).Select(p => p.Template));
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
    public async Task refuse_every_role_outside_the_policy()
    {
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var role in Roles.All)
        {
            using var client = await api.SignedInAsync(role);
            foreach (var probe in Probes().Where(p => !p.Anonymous && p.AllowedRoles is not null && !p.AllowedRoles.Contains(role)))
            {
                using var response = await client.SendAsync(Request(probe));
                checkedCount++;
                if (response.StatusCode != HttpStatusCode.Forbidden)
                    failures.Add($"{role}: {probe.Method} {probe.Path}: {(int)response.StatusCode}");
            }
        }
        Assert.Empty(failures);
        Assert.True(checkedCount > 10, $"only {checkedCount} wrong-role requests made");
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
