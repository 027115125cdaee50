using System.Runtime.CompilerServices;

namespace Coding.IntegrationTests.Infrastructure;

/// <summary>
/// The integration tests import every codebook into fresh databases; with the default embedder (the arctic-embed-xs
/// model) each import would embed ~160k texts, half an hour on 2 cores. They run on the hashing embedder instead,
/// set before any host is built and inherited by the worker processes they start; the model's own behaviour is
/// tested on a handful of texts in the unit tests and measured by `coding bench codebooks`. A run can still choose
/// another embedder by setting Codebooks__Embedder__Kind itself. Hosts built without environment variables
/// (DisableDefaults) get <see cref="Key"/> in their settings instead (ScratchDatabase.Settings, PipelineHarness …).
/// </summary>
internal static class TestEmbedder
{
    public const string Variable = "Codebooks__Embedder__Kind";

    public const string Key = "Codebooks:Embedder:Kind";

    /// <summary>The embedder this run uses: Deterministic unless the environment chose another.</summary>
    public static string Kind => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } kind ? kind : "Deterministic";

#pragma warning disable CA2255 // a test assembly's process-wide setting, made before the first test builds a host
    [ModuleInitializer]
#pragma warning restore CA2255
    public static void UseHashingEmbedder()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
            Environment.SetEnvironmentVariable(Variable, "Deterministic");
    }
}
