using Coding.Core.Suggestions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coding.Core.Engine.Lexicon;

/// <summary>
/// Builds the ICD-10-CM lexicon in the background as the worker starts (several seconds), instead of inside the first
/// message's handling. Best effort: without codebooks the first message reports that itself.
/// </summary>
internal sealed partial class LexiconWarmup(TermLexiconProvider lexicons, IOptions<EngineOptions> options, ILogger<LexiconWarmup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Kind == "none")
            return;
        try
        {
            await lexicons.WarmAsync(CodeSystem.Icd10Cm, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWarmupFailed(log, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lexicon warm-up failed ({Error}); it will load on the first message")]
    private static partial void LogWarmupFailed(ILogger logger, string error);
}
