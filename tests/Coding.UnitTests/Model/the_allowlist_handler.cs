using Coding.Core.Adjudication;
using Coding.Core.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;

namespace Coding.UnitTests.Model;

/// <summary>
/// The allowlist at the HTTP layer: what the OpenAI connector's client may send, request by request. The redirect case
/// needs a server and is in Coding.IntegrationTests (when_the_worker_adjudicates_through_an_openai_endpoint).
/// </summary>
public sealed class the_allowlist_handler
{
    private static readonly AllowedEndpoint[] Allowed = [new() { Url = "https://baa.example.org/v1", PhiTrusted = true }];

    [Theory]
    [InlineData("https://unlisted.invalid/v1/chat/completions")]
    [InlineData("http://baa.example.org/v1/chat/completions")]      // scheme differs
    [InlineData("https://baa.example.org:8443/v1/chat/completions")] // port differs
    [InlineData("https://baa.example.org/v2/chat/completions")]      // outside the path prefix
    [InlineData("https://baa.example.org.evil.invalid/v1/chat/completions")]
    public async Task refuses_a_request_off_the_allowlist_before_sending_it(string url)
    {
        using var client = new HttpMessageInvoker(new AllowlistHandler(Allowed));
        // Were it sent, the .invalid host would fail name resolution with a plain HttpRequestException instead.
        var refused = await Assert.ThrowsAsync<EndpointNotAllowedException>(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, url), CancellationToken.None));
        Assert.DoesNotContain("/chat/completions", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_refusal_wrapped_by_the_connector_falls_back_as_endpoint_not_allowed_not_as_a_model_failure()
    {
        var chat = new ScriptedChat((_, _, _) => throw new HttpOperationException("service request failed", new EndpointNotAllowedException("https://baa.example.org answered 307, a redirect to https://elsewhere.invalid: redirects are not followed")));
        var o = new ModelOptions { Backend = ModelBackend.OpenAI, Timeout = TimeSpan.FromSeconds(5), AllowedEndpoints = [.. Allowed] };
        var request = SyntheticAdjudications.Create(seed: 9, candidates: 3);

        var result = await new ModelAdjudicator(chat, new AdjudicationBackend("openai", "m", new Uri("https://baa.example.org/v1")), Microsoft.Extensions.Options.Options.Create(o), NullLogger<ModelAdjudicator>.Instance)
            .AdjudicateAsync(request, CancellationToken.None);

        Assert.Equal(FallbackReason.EndpointNotAllowed, result.Provenance.Fallback?.Reason);
        Assert.Contains("redirects are not followed", result.Provenance.Fallback?.Detail, StringComparison.Ordinal);
        var deterministic = await new DeterministicAdjudicator().AdjudicateAsync(request, CancellationToken.None);
        Assert.Equal(deterministic.Codes.Select(c => c.Code), result.Codes.Select(c => c.Code));
    }
}
