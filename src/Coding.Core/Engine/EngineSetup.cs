using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Priors;
using Coding.Core.Suggestions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Coding.Core.Engine;

public static class EngineSetup
{
    /// <summary>The suggestion engine chosen by <c>Engine:Kind</c> (default deterministic), with its lexicon cache and priors.</summary>
    public static IHostApplicationBuilder AddSuggestionEngine(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TermLexiconProvider>();
        // One policy per worker: the priors (and the learned phrases the lexicon carries) are the policy's.
        builder.Services.AddSingleton(sp => CodingPriors.Embedded(sp.GetRequiredService<IOptions<EngineOptions>>().Value.Policy));
        builder.Services.AddSingleton<Dense.DenseRetriever>();
        builder.Services.AddSingleton<DeterministicEngine>();
        builder.Services.AddSingleton<NoCodesEngine>();
        builder.Services.AddSingleton<ISuggestionEngine>(sp =>
            sp.GetRequiredService<IOptions<EngineOptions>>().Value.Kind == "none"
                ? sp.GetRequiredService<NoCodesEngine>()
                : sp.GetRequiredService<DeterministicEngine>());
        builder.Services.AddHostedService<LexiconWarmup>();
        return builder;
    }
}
