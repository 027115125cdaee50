using Coding.Core.Suggestions;

namespace Coding.IntegrationTests.Infrastructure;

/// <summary>
/// Stands in for a model that takes time, so a test can stop a worker while messages are in flight. It wraps the
/// engine only; storage and messaging stay real.
/// </summary>
internal sealed class SlowEngine(TimeSpan delay) : ISuggestionEngine
{
    private readonly NoCodesEngine _inner = new();

    public string Name => _inner.Name;
    public string Version => _inner.Version;

    public async Task<EngineResult> SuggestAsync(EncounterNote note, CancellationToken ct)
    {
        await Task.Delay(delay, ct);
        return await _inner.SuggestAsync(note, ct);
    }
}
