namespace ContactCenter.Media.Rtp;

/// <summary>One SDES chunk (RFC 3550 §6.5): a source and its canonical name.</summary>
public sealed record RtcpSdesChunk(uint Ssrc, string Cname);
