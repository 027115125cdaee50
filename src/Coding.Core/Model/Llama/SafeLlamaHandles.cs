using Microsoft.Win32.SafeHandles;

namespace Coding.Core.Model.Llama;

/// <summary>Owns a llama_model*; freed once, even if a caller forgets Dispose.</summary>
internal sealed class SafeLlamaModelHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    public static SafeLlamaModelHandle Wrap(nint p) { var h = new SafeLlamaModelHandle(); h.SetHandle(p); return h; }
    protected override bool ReleaseHandle() { LlamaNative.ModelFree(handle); return true; }
}

/// <summary>Owns a llama_context*. The model it came from must outlive it (LlamaModel keeps both).</summary>
internal sealed class SafeLlamaContextHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    public static SafeLlamaContextHandle Wrap(nint p) { var h = new SafeLlamaContextHandle(); h.SetHandle(p); return h; }
    protected override bool ReleaseHandle() { LlamaNative.Free(handle); return true; }
}

/// <summary>Owns a sampler chain; the samplers added to it are owned (and freed) by the chain.</summary>
internal sealed class SafeLlamaSamplerHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    public static SafeLlamaSamplerHandle Wrap(nint p) { var h = new SafeLlamaSamplerHandle(); h.SetHandle(p); return h; }
    protected override bool ReleaseHandle() { LlamaNative.SamplerFree(handle); return true; }
}
