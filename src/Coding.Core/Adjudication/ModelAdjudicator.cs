using System.Diagnostics;
using Coding.Core.Model;
using Coding.Core.Privacy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Coding.Core.Adjudication;

/// <summary>Who answers for <see cref="ModelAdjudicator"/>: recorded in provenance; <see cref="Endpoint"/> is null in-process.</summary>
public sealed record AdjudicationBackend(string Name, string Model, Uri? Endpoint);

/// <summary>
/// Asks a chat model (Semantic Kernel <see cref="IChatCompletionService"/>: in-process llama.cpp or an OpenAI-compatible
/// server) to adjudicate, with our schema as the response format. The answer is validated again; on timeout, model
/// failure, invalid output or a non-allowlisted endpoint the deterministic result is returned and the reason recorded.
/// </summary>
public sealed class ModelAdjudicator(
    IChatCompletionService chat,
    AdjudicationBackend backend,
    IOptions<ModelOptions> options,
    ILogger<ModelAdjudicator> logger) : IAdjudicator
{
    public async Task<AdjudicationResult> AdjudicateAsync(AdjudicationRequest request, CancellationToken ct)
    {
        var o = options.Value;
        var limits = new AdjudicationPrompt.Limits(o.MaxCodes, o.MaxEvidencePerCode, o.RationaleMaxLength, o.ContextWindow, o.MinCodes);

        // Checked per call as well as at start: configuration can be reloaded, and a refusal must never send text.
        var deidentify = false;
        if (backend.Endpoint is not null)
        {
            var allowed = EndpointPolicy.Find(backend.Endpoint, o.AllowedEndpoints);
            var attemptedNothing = new AdjudicationProvenance(backend.Name, backend.Model, AdjudicationPrompt.Version, AdjudicationPrompt.SchemaVersion, "", false, null);
            if (allowed is null)
                return Fallback(request, attemptedNothing, FallbackReason.EndpointNotAllowed, $"{backend.Endpoint.GetLeftPart(UriPartial.Authority)} is not allowlisted");
            deidentify = !allowed.PhiTrusted;
        }

        Func<string, string>? protect = null;
        if (deidentify)
        {
            var deid = new SafeHarborDeidentifier(SafeHarborDeidentifier.DateShiftFor(request.EncounterId));
            protect = t => deid.Deidentify(t).Text;
        }
        var rendered = AdjudicationPrompt.Render(request, limits, protect);
        var attempted = new AdjudicationProvenance(backend.Name, backend.Model, AdjudicationPrompt.Version, AdjudicationPrompt.SchemaVersion, rendered.Hash, deidentify, null);
        if (request.Candidates.Count == 0 || rendered.SentenceIds.Count == 0)
            return new AdjudicationResult([], attempted);

        var history = new ChatHistory();
        history.AddSystemMessage(rendered.System);
        history.AddUserMessage(rendered.User);
        var settings = new OpenAIPromptExecutionSettings
        {
            ResponseFormat = AdjudicationPrompt.ResponseFormat(rendered.Schema),
            MaxTokens = o.MaxTokens,
            Temperature = o.Temperature,
            ModelId = backend.Endpoint is null ? null : o.OpenAI.ModelId,
        };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(o.Timeout);
        var started = Stopwatch.GetTimestamp();
        string text;
        try
        {
            var reply = await chat.GetChatMessageContentAsync(history, settings, kernel: null, timeout.Token);
            text = reply.Content ?? "";
            // The timer that cancels the call can fire late on a saturated machine, after a fast model has answered:
            // an answer later than the timeout is still a timeout, whatever the timer managed.
            if (Stopwatch.GetElapsedTime(started) > o.Timeout)
                throw new OperationCanceledException(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Fallback(request, attempted, FallbackReason.Timeout, $"no answer within {o.Timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (!ct.IsCancellationRequested && Refusal(e) is { } refused)
        {
            // The HTTP layer refused a request off the allowlist (a redirect, say) before sending it: a refusal, not a failure.
            return Fallback(request, attempted, FallbackReason.EndpointNotAllowed, refused.Message);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is not OutOfMemoryException)
        {
            // The exception's type and message describe the transport or native failure; they carry no note text.
            return Fallback(request, attempted, FallbackReason.ModelFailure, $"{e.GetType().Name}: {Truncate(e.Message, 200)}");
        }

        var parsed = AdjudicationOutput.Parse(text, request, rendered.SentenceIds, limits);
        if (!parsed.IsValid)
            return Fallback(request, attempted, FallbackReason.InvalidOutput, parsed.Error!);
        return new AdjudicationResult(parsed.Codes!, attempted);
    }

    private AdjudicationResult Fallback(AdjudicationRequest request, AdjudicationProvenance attempted, FallbackReason reason, string detail)
    {
        logger.LogWarning("Model adjudication for encounter {EncounterId} fell back to the deterministic result: {Reason} ({Detail})", request.EncounterId, reason, detail);
        return DeterministicAdjudicator.Decide(request, new AdjudicationFallback(reason, detail), attempted);
    }

    /// <summary>The allowlist refusal somewhere in what the connector threw (it wraps transport exceptions), or null.</summary>
    private static EndpointNotAllowedException? Refusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is EndpointNotAllowedException refused)
                return refused;
        return null;
    }

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..n] + "…";
}
