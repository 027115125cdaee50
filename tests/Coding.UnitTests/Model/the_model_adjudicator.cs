using System.Text.Json;
using Coding.Core.Adjudication;
using Coding.Core.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Coding.UnitTests.Model;

public sealed class the_model_adjudicator
{
    private static readonly AdjudicationRequest Request = SyntheticAdjudications.Create(seed: 9, candidates: 3);
    private static readonly AdjudicationBackend InProcess = new("llama", "sha256:abc", Endpoint: null);

    private static ModelAdjudicator Adjudicator(ScriptedChat chat, AdjudicationBackend? backend = null, Action<ModelOptions>? configure = null)
    {
        var o = new ModelOptions { Backend = ModelBackend.Llama, Timeout = TimeSpan.FromSeconds(5) };
        configure?.Invoke(o);
        return new ModelAdjudicator(chat, backend ?? InProcess, Microsoft.Extensions.Options.Options.Create(o), NullLogger<ModelAdjudicator>.Instance);
    }

    private static string Describe(AdjudicatedCode c) => $"{c.Code} {c.Confidence} [{string.Join(",", c.EvidenceSentenceIds)}]";

    private static string ValidAnswer()
    {
        var c = Request.Candidates[2];
        return $$"""{"codes":[{"code":"{{c.Code}}","evidence":[{{c.SupportingSentenceIds[0]}}],"confidence":0.8,"rationale":"documented"}]}""";
    }

    [Fact]
    public async Task a_valid_answer_is_used_and_its_provenance_names_backend_model_prompt_and_schema()
    {
        var result = await Adjudicator(ScriptedChat.Answering(ValidAnswer())).AdjudicateAsync(Request, CancellationToken.None);
        Assert.False(result.FellBack);
        Assert.Equal(Request.Candidates[2].Code, Assert.Single(result.Codes).Code);
        Assert.Equal(new AdjudicationProvenance("llama", "sha256:abc", AdjudicationPrompt.Version, AdjudicationPrompt.SchemaVersion, result.Provenance.PromptHash, false, null), result.Provenance);
        Assert.StartsWith("sha256:", result.Provenance.PromptHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_schema_goes_out_as_an_openai_json_schema_response_format()
    {
        var chat = ScriptedChat.Answering(ValidAnswer());
        await Adjudicator(chat).AdjudicateAsync(Request, CancellationToken.None);
        var settings = Assert.IsType<OpenAIPromptExecutionSettings>(chat.Calls.Single().Settings);
        var format = Assert.IsType<JsonElement>(settings.ResponseFormat);
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        var codes = format.GetProperty("json_schema").GetProperty("schema").GetProperty("properties").GetProperty("codes")
            .GetProperty("items").GetProperty("properties").GetProperty("code").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        Assert.Equal(Request.Candidates.Select(c => c.Code).ToHashSet(), codes);
    }

    [Fact]
    public async Task an_invalid_answer_falls_back_to_the_deterministic_result_and_says_why()
    {
        var result = await Adjudicator(ScriptedChat.Answering("""{"codes":[{"code":"Z00.00","evidence":[0],"confidence":0.5,"rationale":""}]}""")).AdjudicateAsync(Request, CancellationToken.None);
        Assert.Equal(FallbackReason.InvalidOutput, result.Provenance.Fallback?.Reason);
        Assert.Equal("llama", result.Provenance.Backend);
        var deterministic = await new DeterministicAdjudicator().AdjudicateAsync(Request, CancellationToken.None);
        Assert.Equal(deterministic.Codes.Select(Describe), result.Codes.Select(Describe));
    }

    [Fact]
    public async Task a_model_failure_falls_back_and_records_the_failure()
    {
        var chat = new ScriptedChat((_, _, _) => throw new HttpRequestException("connection refused"));
        var result = await Adjudicator(chat).AdjudicateAsync(Request, CancellationToken.None);
        Assert.Equal(FallbackReason.ModelFailure, result.Provenance.Fallback?.Reason);
        Assert.Contains("connection refused", result.Provenance.Fallback!.Detail, StringComparison.Ordinal);
        Assert.Equal(Request.Candidates.Count, result.Codes.Count);
    }

    [Fact]
    public async Task a_model_slower_than_the_timeout_falls_back_and_records_the_timeout()
    {
        var chat = new ScriptedChat(async (_, _, ct) => { await Task.Delay(TimeSpan.FromSeconds(30), ct); return ""; });
        var result = await Adjudicator(chat, configure: o => o.Timeout = TimeSpan.FromMilliseconds(50)).AdjudicateAsync(Request, CancellationToken.None);
        Assert.Equal(FallbackReason.Timeout, result.Provenance.Fallback?.Reason);
    }

    [Fact]
    public async Task a_valid_answer_that_arrives_after_the_timeout_is_still_a_timeout()
    {
        // A model that ignores cancellation stands in for a cancellation timer that fired late on a saturated machine.
        var chat = new ScriptedChat(async (_, _, _) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            return ValidAnswer();
        });
        var result = await Adjudicator(chat, configure: o => o.Timeout = TimeSpan.FromMilliseconds(20)).AdjudicateAsync(Request, CancellationToken.None);
        Assert.True(result.FellBack);
        Assert.Equal(FallbackReason.Timeout, result.Provenance.Fallback?.Reason);
    }

    [Fact]
    public async Task the_callers_own_cancellation_is_not_mistaken_for_a_timeout()
    {
        var chat = new ScriptedChat(async (_, _, ct) => { await Task.Delay(TimeSpan.FromSeconds(30), ct); return ""; });
        using var cts = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Adjudicator(chat).AdjudicateAsync(Request, cts.Token));
    }

    [Fact]
    public async Task a_remote_endpoint_off_the_allowlist_is_never_sent_anything()
    {
        var chat = ScriptedChat.Answering(ValidAnswer());
        var remote = new AdjudicationBackend("openai", "gpt-x", new Uri("https://api.example.com/v1"));
        var result = await Adjudicator(chat, remote, o => o.AllowedEndpoints = [new AllowedEndpoint { Url = "https://baa.example.org/v1", PhiTrusted = true }])
            .AdjudicateAsync(Request, CancellationToken.None);
        Assert.Equal(FallbackReason.EndpointNotAllowed, result.Provenance.Fallback?.Reason);
        Assert.Empty(chat.Calls);
    }

    [Fact]
    public async Task a_remote_endpoint_not_trusted_with_phi_gets_deidentified_sentences()
    {
        var sentences = Request.Sentences.Select(s => s with { Text = "Mrs. Olivia Harper (MRN 99812345) on 2026-03-14: " + s.Text }).ToList();
        var chat = ScriptedChat.Answering("""{"codes":[]}""");
        var remote = new AdjudicationBackend("openai", "gpt-x", new Uri("https://api.example.com/v1"));
        var result = await Adjudicator(chat, remote, o => o.AllowedEndpoints = [new AllowedEndpoint { Url = "https://api.example.com/", PhiTrusted = false }])
            .AdjudicateAsync(Request with { Sentences = sentences }, CancellationToken.None);
        var user = chat.Calls.Single().History.Last().Content!;
        Assert.True(result.Provenance.Deidentified);
        Assert.DoesNotContain("Harper", user, StringComparison.Ordinal);
        Assert.DoesNotContain("99812345", user, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-03-14", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task what_goes_to_an_endpoint_not_trusted_with_phi_has_every_kind_of_identifier_removed_and_keeps_the_clinical_words()
    {
        // The hard cases of issue 18, one sentence each, prepended to the request's own sentences.
        string[] hard =
        [
            "Her daughter Hope drove her in from 4120 N Maple Ave, Springfield, IL 62704; cell 217 555 0143.",
            "BELL, WILHELMINA G is a 96 y.o. woman seen 16-Nov-2025 at Moses Taylor Hospital.",
            "Retired from Dubuque Packing Co.; SSN 123 45 6789; driver's license D1234567; right thumbprint ID FP-20931.",
            "Immunohistochemical study positive; Graves disease on methimazole; Zenker's diverticulum; EtOH none.",
        ];
        var sentences = Request.Sentences.Select((s, i) => s with { Text = hard[i % hard.Length] + " " + s.Text }).ToList();
        var chat = ScriptedChat.Answering("""{"codes":[]}""");
        var remote = new AdjudicationBackend("openai", "gpt-x", new Uri("https://api.example.com/v1"));
        var result = await Adjudicator(chat, remote, o => o.AllowedEndpoints = [new AllowedEndpoint { Url = "https://api.example.com/", PhiTrusted = false }])
            .AdjudicateAsync(Request with { Sentences = sentences }, CancellationToken.None);
        var sent = string.Join("\n", chat.Calls.Single().History.Select(m => m.Content));

        Assert.True(result.Provenance.Deidentified);
        foreach (var identifier in new[] { "Hope", "4120", "Maple", "Springfield", "62704", "0143", "BELL", "WILHELMINA", "96 y.o.", "16-Nov-2025",
                     "Moses Taylor", "Dubuque", "6789", "D1234567", "FP-20931" })
            Assert.DoesNotContain(identifier, sent, StringComparison.Ordinal);
        foreach (var clinical in new[] { "Immunohistochemical", "Graves disease", "methimazole", "Zenker's diverticulum", "EtOH" })
            Assert.Contains(clinical, sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task no_candidates_means_no_model_call()
    {
        var chat = ScriptedChat.Answering(ValidAnswer());
        var result = await Adjudicator(chat).AdjudicateAsync(Request with { Candidates = [] }, CancellationToken.None);
        Assert.Empty(result.Codes);
        Assert.Empty(chat.Calls);
    }
}
