using System.ComponentModel.DataAnnotations;

namespace Coding.Core.Model;

/// <summary>
/// The <c>Model</c> configuration section. <c>Backend</c> picks who adjudicates: <c>none</c> (deterministic ranker),
/// <c>llama</c> (in-process llama.cpp over a GGUF) or <c>openai</c> (any OpenAI-compatible server on the allowlist).
/// </summary>
public sealed class ModelOptions : IValidatableObject
{
    public const string Section = "Model";

    public ModelBackend Backend { get; set; } = ModelBackend.None;

    /// <summary>After this the deterministic result is used and the timeout recorded.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    [Range(16, 8192)]
    public int MaxTokens { get; set; } = 512;

    /// <summary>0 = greedy (reproducible); above 0 samples with this temperature.</summary>
    [Range(0.0, 2.0)]
    public double Temperature { get; set; }

    [Range(1, 50)]
    public int MaxCodes { get; set; } = 8;

    /// <summary>
    /// Codes the answer must keep (schema minItems). 0 in production — keeping none is a valid answer; smoke runs with
    /// a random-weight model raise it so the whole answer path (codes, evidence, spans) is exercised.
    /// </summary>
    [Range(0, 50)]
    public int MinCodes { get; set; }

    [Range(1, 10)]
    public int MaxEvidencePerCode { get; set; } = 3;

    [Range(8, 2000)]
    public int RationaleMaxLength { get; set; } = 160;

    /// <summary>Candidates offered to the model: the engine's suggestions plus its most confident codes below the threshold.</summary>
    [Range(1, 50)]
    public int MaxCandidates { get; set; } = 12;

    /// <summary>
    /// Guideline excerpts shown with the prompt for the top candidates (the governing Official Guidelines section, then
    /// Tabular instructions); 0 = none.
    /// </summary>
    [Range(0, 20)]
    public int MaxGuidelines { get; set; } = 4;

    /// <summary>Neighbouring sentences shown around each supporting sentence.</summary>
    [Range(0, 5)]
    public int ContextWindow { get; set; } = 1;

    public LlamaOptions Llama { get; set; } = new();
    public OpenAiOptions OpenAI { get; set; } = new();

    /// <summary>The only remote endpoints a note may be sent to (BAA-covered), each saying whether it may see PHI.</summary>
    public List<AllowedEndpoint> AllowedEndpoints { get; set; } = [];

    /// <summary>
    /// Bearer key the API's OpenAI-compatible endpoint (POST /v1/chat/completions) demands; unset = loopback callers only.
    /// </summary>
    public string? ServeApiKey { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinCodes > MaxCodes)
            yield return new ValidationResult("Model:MinCodes must not exceed Model:MaxCodes.", [nameof(MinCodes)]);
        switch (Backend)
        {
            case ModelBackend.Llama:
                if (string.IsNullOrWhiteSpace(Llama.ModelPath))
                    yield return new ValidationResult("Model:Llama:ModelPath is required for the llama backend (--model <gguf>).", ["Llama.ModelPath"]);
                else if (!File.Exists(Llama.ModelPath))
                    yield return new ValidationResult($"Model:Llama:ModelPath {Llama.ModelPath} does not exist.", ["Llama.ModelPath"]);
                if (Llama.ParallelSequences is < 1 or > 64)
                    yield return new ValidationResult("Model:Llama:ParallelSequences must be 1..64.", ["Llama.ParallelSequences"]);
                if (Llama.ContextSize is < 256 or > 262144)
                    yield return new ValidationResult("Model:Llama:ContextSize must be 256..262144.", ["Llama.ContextSize"]);
                if (Llama.Threads < 0)
                    yield return new ValidationResult("Model:Llama:Threads must be 0 (all cores) or more.", ["Llama.Threads"]);
                break;
            case ModelBackend.OpenAI:
                if (!Uri.TryCreate(OpenAI.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
                    yield return new ValidationResult("Model:OpenAI:Endpoint must be an absolute http(s) URL.", ["OpenAI.Endpoint"]);
                else if (EndpointPolicy.Find(endpoint, AllowedEndpoints) is null)
                    yield return new ValidationResult($"Model:OpenAI:Endpoint {endpoint} is not in Model:AllowedEndpoints; notes are only sent to allowlisted endpoints.", ["OpenAI.Endpoint"]);
                if (string.IsNullOrWhiteSpace(OpenAI.ModelId))
                    yield return new ValidationResult("Model:OpenAI:ModelId is required for the openai backend.", ["OpenAI.ModelId"]);
                break;
        }
    }
}

public enum ModelBackend
{
    None,
    Llama,
    OpenAI,
}

public sealed class LlamaOptions
{
    public string? ModelPath { get; set; }

    /// <summary>
    /// Layers offloaded to the GPU; 0 = CPU, -1 = all. Needs the CUDA backend package (build with -p:LlamaBackend=Cuda12);
    /// with the CPU package the layers stay on the CPU and the worker says so at start.
    /// </summary>
    public int GpuLayers { get; set; }

    public int ContextSize { get; set; } = 4096;

    /// <summary>0 = one per core.</summary>
    public int Threads { get; set; }

    /// <summary>How many adjudications decode at once (one llama context each).</summary>
    public int ParallelSequences { get; set; } = 1;

    /// <summary>Constrain sampling with the GBNF grammar generated from our schema. Off only to measure its cost.</summary>
    public bool Grammar { get; set; } = true;

    /// <summary>Test the model's own choice against the grammar first; run the full constrained pass only when it is rejected.</summary>
    public bool GrammarCheckFirst { get; set; } = true;

    /// <summary>
    /// When the model's own choice is rejected, ask the grammar about the top 64 tokens (greedy) and then only the
    /// tokens whose first byte it accepts before falling back to the whole vocabulary (our sampling pipeline). Same token;
    /// off samples with LLamaSharp's own pipeline, only to measure.
    /// </summary>
    public bool GrammarPrefilter { get; set; } = true;
}

public sealed class OpenAiOptions
{
    public string? Endpoint { get; set; }
    public string? ModelId { get; set; }

    /// <summary>From the secret store; local servers (vLLM, llama.cpp server) accept any key.</summary>
    public string? ApiKey { get; set; }
}

public sealed class AllowedEndpoint
{
    public string Url { get; set; } = "";

    /// <summary>True only for endpoints covered to receive PHI (BAA); otherwise notes are de-identified first.</summary>
    public bool PhiTrusted { get; set; }
}

/// <summary>Command-line switches the worker and CLI map onto configuration keys (for AddCommandLine).</summary>
public static class ModelCommandLine
{
    /// <summary>For <c>Configuration.AddCommandLine(args, ModelCommandLine.Switches())</c>.</summary>
    public static Dictionary<string, string> Switches() => new()
    {
        ["--model-backend"] = "Model:Backend",
        ["--model"] = "Model:Llama:ModelPath",
        ["--model-gpu-layers"] = "Model:Llama:GpuLayers",
        ["--model-threads"] = "Model:Llama:Threads",
        ["--model-context"] = "Model:Llama:ContextSize",
        ["--model-parallel"] = "Model:Llama:ParallelSequences",
        ["--model-timeout"] = "Model:Timeout",
        ["--model-min-codes"] = "Model:MinCodes",
        ["--model-endpoint"] = "Model:OpenAI:Endpoint",
        ["--model-id"] = "Model:OpenAI:ModelId",
    };
}
