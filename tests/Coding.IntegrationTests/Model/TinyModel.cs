using Coding.Core.Model;
using Coding.Core.Model.Gguf;
using Coding.Core.Model.Llama;

namespace Coding.IntegrationTests.Model;

/// <summary>
/// A random-weight llama GGUF with the real llama-spm tokenizer, written into a temp folder once per test class and
/// served by the llama.cpp build of LLamaSharp's CPU backend package.
/// </summary>
public sealed class TinyModel : IDisposable
{
    public static readonly string? Vocabulary = TinyLlamaGguf.DefaultVocabulary();

    /// <summary>Why the llama tests cannot run here, or null. Only an uninstalled vocabulary is a reason (llama.cpp comes from NuGet).</summary>
    public static string? Missing =>
        Vocabulary is null ? "the tiny model's vocabulary is not installed (run scripts/llama.sh install; scripts/test.sh does)" : null;

    private readonly string _dir = Directory.CreateTempSubdirectory("coding-tiny-gguf-").FullName;

    public TinyModel()
    {
        if (Missing is not null)
            return;
        Path = System.IO.Path.Combine(_dir, "tiny.gguf");
        TinyLlamaGguf.Create(Vocabulary!, Path, seed: 42);
        Options = new LlamaOptions { ModelPath = Path, ContextSize = 2048, Threads = 1, ParallelSequences = 2 };
        Service = LlamaChatCompletionService.Create(Options);
    }

    public string Path { get; } = "";
    public LlamaOptions Options { get; } = new();
    public LlamaChatCompletionService Service { get; } = null!;

    public void Dispose()
    {
        Service?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>A fact that is skipped, saying why, only when the tiny model's vocabulary is not installed.</summary>
public sealed class LlamaFactAttribute : FactAttribute
{
    public LlamaFactAttribute()
    {
        if (TinyModel.Missing is { } why)
            Skip = why;
    }
}
