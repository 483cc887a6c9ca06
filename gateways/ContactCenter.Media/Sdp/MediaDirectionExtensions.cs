namespace ContactCenter.Media.Sdp;

/// <summary>Helpers for <see cref="MediaDirection"/>.</summary>
public static class MediaDirectionExtensions
{
    /// <summary>True when the side that holds this direction may send RTP.</summary>
    public static bool CanSend(this MediaDirection direction) => ((int)direction & 1) != 0;

    /// <summary>True when the side that holds this direction expects to receive RTP.</summary>
    public static bool CanReceive(this MediaDirection direction) => ((int)direction & 2) != 0;

    /// <summary>
    /// The other side's view: RFC 3264 §6.1 answers sendonly with recvonly, recvonly with sendonly,
    /// and sendrecv/inactive with themselves.
    /// </summary>
    public static MediaDirection Reverse(this MediaDirection direction) =>
        (MediaDirection)((((int)direction & 1) << 1) | (((int)direction & 2) >> 1));

    /// <summary>What both wishes allow (e.g. an offer's reverse combined with our own hold).</summary>
    public static MediaDirection Intersect(this MediaDirection direction, MediaDirection other) =>
        (MediaDirection)((int)direction & (int)other);

    /// <summary>The SDP attribute name ("sendrecv", "sendonly", "recvonly", "inactive").</summary>
    public static string ToAttributeName(this MediaDirection direction) => direction switch
    {
        MediaDirection.SendOnly => "sendonly",
        MediaDirection.RecvOnly => "recvonly",
        MediaDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    /// <summary>Parses a direction attribute name; false for any other attribute.</summary>
    public static bool TryParseAttribute(string name, out MediaDirection direction)
    {
        switch (name.ToLowerInvariant())
        {
            case "sendrecv":
                direction = MediaDirection.SendRecv;
                return true;
            case "sendonly":
                direction = MediaDirection.SendOnly;
                return true;
            case "recvonly":
                direction = MediaDirection.RecvOnly;
                return true;
            case "inactive":
                direction = MediaDirection.Inactive;
                return true;
            default:
                direction = MediaDirection.SendRecv;
                return false;
        }
    }

    /// <summary>The direction attribute (sendrecv, sendonly, recvonly, inactive) among <paramref name="attributes"/>, or null (RFC 4566 §6).</summary>
    public static MediaDirection? FindDirection(this List<SdpAttribute> attributes)
    {
        foreach (SdpAttribute attribute in attributes)
        {
            if (attribute.Value is null && TryParseAttribute(attribute.Name, out MediaDirection direction))
            {
                return direction;
            }
        }

        return null;
    }

    /// <summary>Replaces the direction attribute among <paramref name="attributes"/>; null removes it.</summary>
    public static void SetDirection(this List<SdpAttribute> attributes, MediaDirection? direction)
    {
        attributes.RemoveAll(a => a.Value is null && TryParseAttribute(a.Name, out _));
        if (direction is { } value)
        {
            attributes.Add(new SdpAttribute(value.ToAttributeName()));
        }
    }
}
