namespace ContactCenter.ModelRuntime.Models;

/// <summary>One clip's greedy token ids (without BOS and EOS) and their geometric-mean probability.</summary>
internal sealed record DecodedClip(int[] Tokens, double Confidence)
{
    public static readonly DecodedClip Nothing = new([], 1);
}
