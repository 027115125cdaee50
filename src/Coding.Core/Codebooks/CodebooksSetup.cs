using Coding.Core.Codebooks.Embeddings;
using Coding.Core.Codebooks.Import;
using Coding.Core.Codebooks.Retrieval;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Coding.Core.Codebooks;

public static class CodebooksSetup
{
    /// <summary>Codebook import and retrieval, configured from the "Codebooks" section (validated on start).</summary>
    public static IHostApplicationBuilder AddCodebooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CodebooksOptions>().BindConfiguration(CodebooksOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IEmbedder>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<CodebooksOptions>>().Value.Embedder;
            return o.Kind switch
            {
                // One long-lived client for the process: the embedder is a singleton, so no socket churn.
                EmbedderKind.OpenAi => new OpenAiEmbedder(new HttpClient { Timeout = TimeSpan.FromMinutes(2) }, o),
                EmbedderKind.Deterministic => new DeterministicEmbedder(),
                _ => new ArcticXsEmbedder(o),
            };
        });
        builder.Services.AddSingleton(sp => new EmbeddingCache(
            EmbeddingCache.ResolveFolder(sp.GetRequiredService<IOptions<CodebooksOptions>>().Value.Embedder.CacheFolder)));
        builder.Services.AddScoped<CodebookImporter>();
        builder.Services.AddScoped<CodebookSearch>();
        return builder;
    }
}
