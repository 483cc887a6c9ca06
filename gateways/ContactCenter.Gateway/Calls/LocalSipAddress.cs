using System.Net;
using ContactCenter.Sip.Parsing;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Gateway.Calls;

/// <summary>How this gateway names itself in Via, Contact and SDP: the advertised address, else the listen address.</summary>
internal sealed class LocalSipAddress(IPAddress address, int port)
{
    public IPAddress Address { get; } = address;

    public int Port { get; } = port;

    public string Host => Address.ToString();

    /// <summary>Our Via for a request we originate, with rport so that NATed peers answer where we sent from (RFC 3581 §3).</summary>
    public ViaHeader CreateVia(SipProtocol protocol, string branch)
    {
        var via = new ViaHeader(protocol == SipProtocol.Tcp ? "TCP" : "UDP", Host, Port, branch);
        via.Parameters["rport"] = null;
        return via;
    }

    /// <summary>Our Contact for a dialog: the user the caller dialled, at our address (RFC 3261 §12.1.1).</summary>
    public NameAddress CreateContact(string? user, SipProtocol protocol)
    {
        var uri = new SipUri("sip", user, Host, Port);
        if (protocol == SipProtocol.Tcp)
        {
            uri = uri.WithParameter("transport", "tcp");
        }

        return new NameAddress(uri);
    }
}
