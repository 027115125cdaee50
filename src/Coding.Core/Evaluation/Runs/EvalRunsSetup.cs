using Coding.Core.Engine;
using Coding.Core.Engine.Dense;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Priors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Coding.Core.Evaluation.Runs;

public static class EvalRunsSetup
{
    /// <summary>Gold-set catalogue and the runner; the host schedules <see cref="EvalRunner.RunPendingAsync"/>.</summary>
    public static IHostApplicationBuilder AddEvalRuns(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GoldSetOptions>().BindConfiguration(GoldSetOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.GoldSets.All(g => g.Name.Length > 0 && g.Kind is "codiesp" or "jsonl" && g.Path.Length > 0 && g.Language is "en" or "es"),
                "every Cdi:GoldSets entry needs Name, Kind (codiesp|jsonl), Path and Language en|es")
            .Validate(o => o.GoldSets.Select(g => g.Name).Distinct(StringComparer.Ordinal).Count() == o.GoldSets.Count, "Cdi:GoldSets names must be unique")
            .ValidateOnStart();
        // The same lexicon cache and priors the worker's engine uses (registered once if the host has the engine too).
        builder.Services.TryAddSingleton<TermLexiconProvider>();
        builder.Services.TryAddSingleton(sp => CodingPriors.Embedded(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<EngineOptions>>().Value.Policy));
        // Engine:Dense* too, so a CDI run scores the configuration the worker runs.
        builder.Services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<DenseRetriever>();
        builder.Services.AddScoped<EvalRunner>();
        return builder;
    }
}
