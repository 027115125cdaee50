namespace Coding.Core.Suggestions;

/// <summary>
/// Stand-in until the suggestion engine lands: it suggests nothing, and says so in its name, so a set produced
/// by it can never be mistaken for real coding output.
/// </summary>
public sealed class NoCodesEngine : ISuggestionEngine
{
    public string Name => "none";
    public string Version => "0";

    public Task<EngineResult> SuggestAsync(EncounterNote note, CancellationToken ct) =>
        Task.FromResult(new EngineResult(CodebookVersion: "", Suggestions: []));
}
