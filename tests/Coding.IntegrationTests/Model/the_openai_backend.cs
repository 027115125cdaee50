using Coding.Api.Model;
using Coding.Core.Adjudication;
using Coding.Core.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Coding.IntegrationTests.Model;

/// <summary>
/// Semantic Kernel's OpenAI connector against a real Kestrel server on a loopback port that speaks the OpenAI chat
/// API (our MapOpenAiCompatibleChat over the tiny llama model): real HTTP, real JSON, real response_format.
/// </summary>
public sealed class the_openai_backend(TinyModel model, ITestOutputHelper output) : IClassFixture<TinyModel>, IAsyncLifetime
{
    private WebApplication? _server;
    private int _requests;
    private string _lastBody = "";
    private Uri _baseUrl = null!;

    public async Task InitializeAsync()
    {
        if (TinyModel.Missing is not null)
            return;
        (_server, _baseUrl) = await StartServerAsync(serveApiKey: null);
    }

    /// <summary>Real Kestrel on a free loopback port, serving the tiny model through MapOpenAiCompatibleChat.</summary>
    private async Task<(WebApplication, Uri)> StartServerAsync(string? serveApiKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(model.Service);
        if (serveApiKey is not null)
            builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new ModelOptions { ServeApiKey = serveApiKey }));
        var server = builder.Build();
        server.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _requests);
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            _lastBody = await reader.ReadToEndAsync();
            context.Request.Body.Position = 0;
            await next(context);
        });
        server.MapOpenAiCompatibleChat();
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (server, new Uri(address + "/v1"));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }

    private ModelOptions Options(bool phiTrusted, string? allowed = null) => new()
    {
        Backend = ModelBackend.OpenAI,
        MaxTokens = 320,
        MaxCodes = 2,
        MaxEvidencePerCode = 2,
        RationaleMaxLength = 24,
        Timeout = TimeSpan.FromMinutes(2),
        OpenAI = new OpenAiOptions { Endpoint = _baseUrl.ToString(), ModelId = "tiny-random" },
        AllowedEndpoints = [new AllowedEndpoint { Url = allowed ?? _baseUrl.ToString(), PhiTrusted = phiTrusted }],
    };

    private static ModelAdjudicator Adjudicator(ModelOptions o) =>
        new(ModelAdjudicationSetup.OpenAiChat(o), new AdjudicationBackend("openai", o.OpenAI.ModelId!, new Uri(o.OpenAI.Endpoint!)),
            Microsoft.Extensions.Options.Options.Create(o), NullLogger<ModelAdjudicator>.Instance);

    [LlamaFact]
    public async Task answers_through_http_parse_against_the_schema_and_name_only_candidates()
    {
        var adjudicator = Adjudicator(Options(phiTrusted: true));
        for (var seed = 20; seed < 24; seed++)
        {
            var request = SyntheticAdjudications.Create(seed, candidates: 3);
            var result = await adjudicator.AdjudicateAsync(request, CancellationToken.None);
            output.WriteLine($"seed {seed}: {string.Join(", ", result.Codes.Select(c => c.Code))} fallback {result.Provenance.Fallback?.Detail ?? "none"}");
            Assert.Null(result.Provenance.Fallback);
            Assert.Equal("openai", result.Provenance.Backend);
            Assert.Equal("tiny-random", result.Provenance.Model);
            Assert.False(result.Provenance.Deidentified);
            Assert.All(result.Codes, c => Assert.Contains(c.Code, request.Candidates.Select(x => x.Code)));
        }
        Assert.Contains("\"json_schema\"", _lastBody, StringComparison.Ordinal);
        Assert.Contains("\"response_format\"", _lastBody, StringComparison.Ordinal);
    }

    [LlamaFact]
    public async Task a_server_with_an_api_key_serves_only_callers_that_send_it()
    {
        var (server, url) = await StartServerAsync(serveApiKey: "s3cret-key");
        await using var _ = server;
        var o = Options(phiTrusted: true);
        o.OpenAI.Endpoint = url.ToString();
        o.AllowedEndpoints = [new AllowedEndpoint { Url = url.ToString(), PhiTrusted = true }];
        var request = SyntheticAdjudications.Create(60, candidates: 2);

        o.OpenAI.ApiKey = "wrong";
        var refused = await Adjudicator(o).AdjudicateAsync(request, CancellationToken.None);
        o.OpenAI.ApiKey = "s3cret-key";
        var served = await Adjudicator(o).AdjudicateAsync(request, CancellationToken.None);

        Assert.Equal(FallbackReason.ModelFailure, refused.Provenance.Fallback?.Reason);
        Assert.Null(served.Provenance.Fallback);
    }

    [LlamaFact]
    public async Task concurrent_requests_share_the_parallel_sequences_and_all_answer_validly()
    {
        var adjudicator = Adjudicator(Options(phiTrusted: true));
        var results = await Task.WhenAll(Enumerable.Range(50, 4).Select(seed => adjudicator.AdjudicateAsync(SyntheticAdjudications.Create(seed, candidates: 3), CancellationToken.None)));
        Assert.All(results, r => Assert.Null(r.Provenance.Fallback));
    }

    [LlamaFact]
    public async Task an_endpoint_not_trusted_with_phi_receives_deidentified_text()
    {
        var request = SyntheticAdjudications.Create(30, candidates: 2);
        var sentences = request.Sentences.ToList();
        var target = request.Candidates[0].SupportingSentenceIds[0];
        sentences[target] = sentences[target] with { Text = "Seen by Dr. Maria Gonzalez on 03/14/2026, MRN 4471203, call 555-201-3344. " + sentences[target].Text };
        request = request with { Sentences = sentences };

        var result = await Adjudicator(Options(phiTrusted: false)).AdjudicateAsync(request, CancellationToken.None);

        Assert.True(result.Provenance.Deidentified);
        Assert.DoesNotContain("Gonzalez", _lastBody, StringComparison.Ordinal);
        Assert.DoesNotContain("4471203", _lastBody, StringComparison.Ordinal);
        Assert.DoesNotContain("555-201-3344", _lastBody, StringComparison.Ordinal);
        Assert.DoesNotContain("03/14/2026", _lastBody, StringComparison.Ordinal);
        Assert.Contains("[NAME]", _lastBody, StringComparison.Ordinal);
    }

    [LlamaFact]
    public async Task an_endpoint_off_the_allowlist_is_never_called()
    {
        var o = Options(phiTrusted: true, allowed: "https://baa.example.org/v1");
        var before = _requests;
        var result = await new ModelAdjudicator(new Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIChatCompletionService("tiny-random", "unused"),
                new AdjudicationBackend("openai", "tiny-random", _baseUrl), Microsoft.Extensions.Options.Options.Create(o), NullLogger<ModelAdjudicator>.Instance)
            .AdjudicateAsync(SyntheticAdjudications.Create(1), CancellationToken.None);

        Assert.Equal(FallbackReason.EndpointNotAllowed, result.Provenance.Fallback?.Reason);
        Assert.Equal(before, _requests);
        Assert.Throws<InvalidOperationException>(() => ModelAdjudicationSetup.OpenAiChat(o));
    }

    [LlamaFact]
    public async Task a_server_error_falls_back_and_records_a_model_failure()
    {
        var o = Options(phiTrusted: true);
        o.OpenAI.Endpoint = new Uri(_baseUrl, "/v2/").ToString(); // no route there: 404 from the real server
        o.AllowedEndpoints = [new AllowedEndpoint { Url = o.OpenAI.Endpoint, PhiTrusted = true }];
        var result = await Adjudicator(o).AdjudicateAsync(SyntheticAdjudications.Create(2), CancellationToken.None);
        Assert.Equal(FallbackReason.ModelFailure, result.Provenance.Fallback?.Reason);
        Assert.NotEmpty(result.Codes);
    }
}
