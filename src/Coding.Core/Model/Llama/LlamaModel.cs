using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using LLama;
using LLama.Common;
using LLama.Native;

namespace Coding.Core.Model.Llama;

/// <summary>
/// A loaded GGUF (LLamaSharp's <see cref="LLamaWeights"/>): weights, vocabulary and identity (sha256 of the file,
/// recorded in every suggestion's provenance). Thread-safe for tokenizing; decoding happens in
/// <see cref="LlamaSession"/>s, one per parallel sequence.
/// </summary>
public sealed class LlamaModel : IDisposable
{
    private static readonly ConcurrentQueue<string> RecentErrors = new();
    private static int _logHooked;

    private readonly LLamaWeights _weights;

    public string Path { get; }

    /// <summary>Whether layers really went to a GPU: a CPU backend package, or a CUDA one on a host without the CUDA runtime, runs on CPU.</summary>
    public bool OnGpu { get; private init; }
    public string Sha256 { get; }
    public string Description { get; }
    public int VocabularySize { get; }

    /// <summary>The native build LLamaSharp picked (CPU with its AVX level, or CUDA), for the start-up log line.</summary>
    public string NativeLibrary { get; }

    private LlamaModel(LLamaWeights weights, string path, string sha256)
    {
        _weights = weights;
        Path = path;
        Sha256 = sha256;
        VocabularySize = weights.Vocab.Count;
        Description = weights.NativeHandle.Description;
        NativeLibrary = NativeApi.GetLoadedNativeLibrary(NativeLibraryName.LLama)?.Metadata?.ToString() ?? "unknown";
    }

    /// <param name="gpuLayers">Layers offloaded to a GPU backend; 0 = CPU only, -1 = all. Ignored by the CPU backend.</param>
    public static LlamaModel Load(string path, int gpuLayers)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"GGUF model not found: {path}", path);
        HookLog();
        var sha = HashFile(path);
        var parameters = new ModelParams(path) { GpuLayerCount = gpuLayers < 0 ? int.MaxValue : gpuLayers };
        LLamaWeights weights;
        try
        {
            weights = LLamaWeights.LoadFromFile(parameters);
        }
        catch (LLama.Exceptions.LoadWeightsFailedException e)
        {
            throw new LlamaException($"llama.cpp could not load {path}: {LastErrors()} ({e.Message})");
        }
        return new LlamaModel(weights, System.IO.Path.GetFullPath(path), sha)
        {
            OnGpu = gpuLayers != 0 && NativeApi.llama_supports_gpu_offload(),
        };
    }

    public LlamaSession CreateSession(int contextSize, int threads, int batchSize = 512)
    {
        var batch = (uint)Math.Min(batchSize, contextSize);
        var parameters = new ModelParams(Path)
        {
            ContextSize = (uint)contextSize,
            BatchSize = batch,
            UBatchSize = batch,
            SeqMax = 1,
            Threads = threads,
            BatchThreads = threads,
        };
        try
        {
            return new LlamaSession(this, _weights.CreateContext(parameters));
        }
        catch (LLama.Exceptions.RuntimeError e)
        {
            throw new LlamaException($"llama.cpp could not create a context (n_ctx {contextSize}): {LastErrors()} ({e.Message})");
        }
    }

    internal LLamaWeights Weights => _weights;

    private FirstByteIndex? _firstByteIndex;

    /// <summary>The vocabulary by first byte, for the grammar prefilter; built on first use (one pass over the vocabulary).</summary>
    internal FirstByteIndex FirstBytes => LazyInitializer.EnsureInitialized(ref _firstByteIndex, () => new FirstByteIndex(this));

    public LLamaToken[] Tokenize(string text, bool addSpecial) =>
        _weights.NativeHandle.Tokenize(text, addSpecial, special: true, Encoding.UTF8);

    /// <summary>The bytes of one token (UTF-8, possibly a partial character: callers join bytes before decoding).</summary>
    public int TokenBytes(LLamaToken token, Span<byte> buffer, bool special = false)
    {
        var n = (int)_weights.NativeHandle.TokenToSpan(token, buffer, 0, special);
        if (n > buffer.Length)
            throw new LlamaException($"token {(int)token} needs a {n}-byte buffer");
        return n;
    }

    public bool IsEndOfGeneration(LLamaToken token) => token.IsEndOfGeneration(_weights.Vocab);

    /// <summary>Renders system + user + the assistant cue with the model's template (or ChatML when it has none).</summary>
    public string RenderChat(IReadOnlyList<(string Role, string Content)> messages)
    {
        // The tiny test model (and some converted GGUFs) carry no template; llama.cpp then needs one named.
        var template = _weights.Metadata.ContainsKey("tokenizer.chat_template") ? new LLamaTemplate(_weights) : new LLamaTemplate("chatml");
        template.AddAssistant = true;
        foreach (var (role, content) in messages)
            template.Add(role, content);
        return Encoding.UTF8.GetString(template.Apply());
    }

    /// <summary>The last errors llama.cpp logged, for exception messages (it reports most failures only through its log).</summary>
    internal static string LastErrors() => string.Join(" | ", RecentErrors);

    /// <summary>
    /// llama.cpp is chatty at info level and writes to stderr unless given a logger; keep only what explains a failure
    /// (CODING_LLAMA_LOG=1 echoes everything). Its messages name files and tensors, never prompt text.
    /// </summary>
    private static void HookLog()
    {
        if (Interlocked.Exchange(ref _logHooked, 1) == 1)
            return;
        var echo = Environment.GetEnvironmentVariable("CODING_LLAMA_LOG") == "1";
        NativeLogConfig.llama_log_set((level, message) =>
        {
            if (echo)
                Console.Error.Write(message);
            if (level is LLamaLogLevel.Error)
            {
                RecentErrors.Enqueue(message.Trim());
                while (RecentErrors.Count > 8)
                    RecentErrors.TryDequeue(out _);
            }
        });
    }

    private static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public void Dispose() => _weights.Dispose();
}

public sealed class LlamaException(string message) : Exception(message);
