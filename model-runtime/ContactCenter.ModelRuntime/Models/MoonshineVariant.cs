namespace ContactCenter.ModelRuntime.Models;

/// <summary>Which Moonshine tiny weights the runtime loads.</summary>
public enum MoonshineVariant
{
    /// <summary>The int8 models as published (npm @moonshine-ai/moonshine-js): smallest and fastest on a CPU.</summary>
    Int8,

    /// <summary>
    /// The int8 models de-quantised to fp32 by the repository's tool (moonshine-gpu): every op has a CUDA kernel,
    /// so under the CUDA execution provider nothing falls back to the CPU (DESIGN §2).
    /// </summary>
    Fp32,
}
