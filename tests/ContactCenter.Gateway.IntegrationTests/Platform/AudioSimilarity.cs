namespace ContactCenter.Gateway.IntegrationTests.Platform;

/// <summary>Compares what a peer received with what the gateway played, sample by sample.</summary>
public static class AudioSimilarity
{
    /// <summary>
    /// The best normalised cross-correlation of <paramref name="reference"/> (a window of the prompt) against
    /// <paramref name="received"/> over lags 0..<paramref name="maxLag"/>. G.711 keeps the waveform, so the
    /// prompt played through the gateway and decoded by the peer correlates above 0.9; speech that is merely
    /// similar, or noise, stays far below.
    /// </summary>
    public static double BestCorrelation(ReadOnlySpan<short> received, ReadOnlySpan<short> reference, int maxLag)
    {
        var best = 0.0;
        double referenceEnergy = 0;
        foreach (var sample in reference)
        {
            referenceEnergy += (double)sample * sample;
        }

        for (var lag = 0; lag <= maxLag && lag + reference.Length <= received.Length; lag++)
        {
            double dot = 0, energy = 0;
            var window = received.Slice(lag, reference.Length);
            for (var i = 0; i < reference.Length; i++)
            {
                dot += (double)window[i] * reference[i];
                energy += (double)window[i] * window[i];
            }

            if (energy > 0 && referenceEnergy > 0)
            {
                best = Math.Max(best, dot / Math.Sqrt(energy * referenceEnergy));
            }
        }

        return best;
    }
}
