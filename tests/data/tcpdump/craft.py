#!/usr/bin/env python3
"""Crafts the small captures under tests/data/tcpdump that no lab software
sends (every DHCP option with short, exact and long lengths, ...). Run once:
the .pcap files are committed, and their expected text is whatever the
reference tcpdump prints for them (tests/bats/tcpdump_corpus.bats).

    python3 craft.py dhcp-options dhcp-options.pcap
"""
import os
import struct
import sys

def csum(b):
    if len(b)%2: b+=b'\0'
    s=sum(struct.unpack('!%dH'%(len(b)//2),b)); s=(s>>16)+(s&0xffff); s+=s>>16; return (~s)&0xffff
def ipv4(src,dst,proto,payload,ttl=64,ident=1):
    h=struct.pack('!BBHHHBBH4s4s',0x45,0,20+len(payload),ident,0,ttl,proto,0,bytes(src),bytes(dst))
    h=h[:10]+struct.pack('!H',csum(h))+h[12:]
    return h+payload
def udp(src,dst,sp,dp,payload):
    u=struct.pack('!HHHH',sp,dp,8+len(payload),0)+payload
    ph=bytes(src)+bytes(dst)+struct.pack('!BBH',0,17,len(u))
    c=csum(ph+u) or 0xffff
    return u[:6]+struct.pack('!H',c)+u[8:]
def eth(payload,et=0x0800,src=b'\x02\0\0\0\0\x01',dst=b'\x02\0\0\0\0\x02'):
    return dst+src+struct.pack('!H',et)+payload
def udp4(src,dst,sp,dp,payload):
    return eth(ipv4(src,dst,17,udp(src,dst,sp,dp,payload)))
def write(path,pkts,linktype=1):
    """A packet is its bytes, or (bytes, wire length) for one captured short."""
    with open(path,'wb') as f:
        f.write(struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,262144,linktype))
        for i,p in enumerate(pkts):
            p,wire=p if isinstance(p,tuple) else (p,len(p))
            f.write(struct.pack('<IIII',1700000000+i,i,len(p),wire)+p)


def dhcp_options(path):
    def bootp(opts,op=1,htype=1,hlen=6,sname=b'',file=b'',magic=bytes([99,130,83,99]),ciaddr=b'\0'*4):
        b=struct.pack('!BBBBIHH',op,htype,hlen,0,0x1234,0,0x8000)+ciaddr+bytes([10,0,0,2])+b'\0'*8
        b+=b'\x02\0\0\0\0\x01'+b'\0'*10+sname.ljust(64,b'\0')[:64]+file.ljust(128,b'\0')[:128]+magic+opts
        return b
    pk=[];s=[10,0,0,1];d=[10,0,0,2]
    opts=[]
    for tag in range(1,255):
        for ln in (0,1,2,3,4,5,8):
            opts.append(bytes([tag,ln])+bytes((0x41+i*7)%256 for i in range(ln)))
    for i in range(0,len(opts),60):
        pk.append(udp4(s,d,68,67,bootp(b''.join(opts[i:i+60])+b'\xff')))
    sp=[]
    for data in [b'\x18\x0a\x00\x01\x0a\x00\x00\x01', b'\x00\x0a\x00\x00\x01', b'\x21'+b'\0'*8, b'\x10\x0a\x00\x0a\x00\x00\x01\x08\x0a\x0a\x00\x00\x01',b'\x20\x01\x02\x03\x04\x05\x06\x07\x08']:
        sp.append(bytes([121,len(data)])+data)
    for data in [b'\x03abc\x02de', b'\x00ab', b'\x05ab',b'\x01a']:
        sp.append(bytes([77,len(data)])+data)
    for data in [b'\x01\x03abc\x02\x02xy\x09\x02\x01\x02', b'\x01\x09ab',b'\x05']:
        sp.append(bytes([82,len(data)])+data)
    for data in [b'\x05\x00\x00host.example',b'\x30\x01\x02x',b'\x00',b'\x01\x00\x00']:
        sp.append(bytes([81,len(data)])+data)
    for data in [b'\x00host',b'\x01\x02\x03\x04\x05\x06\x07',b'\x63\x01\x02',b'\x06\x01\x02']:
        sp.append(bytes([61,len(data)])+data)
    for v in range(0,10):
        sp.append(bytes([46,1,v,52,1,v,53,1,v]))
    pk.append(udp4(s,d,68,67,bootp(b''.join(sp)+b'\xff')))
    pk.append(udp4(s,d,68,67,bootp(b'\0\0\0\x35\x01\x05\0\xff\0\0')))
    pk.append(udp4(s,d,67,68,bootp(b'\x35\x02\x05\x05\xff',op=2)))
    pk.append(udp4(s,d,68,67,bootp(b'',sname=b'server-x',file=b'/boot/pxe\x01',htype=6,hlen=8,op=3,ciaddr=b'\x0a\0\0\x07')))
    pk.append(udp4(s,d,68,67,bootp(b'',sname=b'a'*64)))
    pk.append(udp4(s,d,68,67,bootp(b'',file=b'b'*128)))
    pk.append(udp4(s,d,68,67,bootp(b'\x00\x00\x00\x01'+b'\xff\xff\xff\0'+b'\x0a\0\0\x01'+b'\x0a\0\0\x02'*4+b'\0'*40,magic=b'CMU\0')))
    pk.append(udp4(s,d,68,67,bootp(b'\x00\x00\x00\x02'+b'\0'*60,magic=b'CMU\0')))
    pk.append(udp4(s,d,68,67,bootp(b'',magic=b'\x01\x02\x03\x04')))
    pk.append(udp4(s,d,68,67,bootp(b'',magic=b'\0\0\0\0')))
    write(path, pk)


def macsec(path):
    pk=[]
    s=[10,0,0,1];d=[10,0,0,2]
    inner=ipv4(s,d,1,bytes([8,0,0xf7,0xff,0,0,0,0])+b'abcdefgh')
    icv=bytes(range(16))
    def sec(tci,sl,pn,sci,payload):
        h=bytes([tci,sl])+struct.pack('!I',pn)+(sci if tci&0x20 else b'')
        return eth(h+payload,et=0x88e5)
    sci=bytes.fromhex('0200000000010001')
    pk.append(sec(0x20,0,1,sci,b'\x08\x00'+inner+icv))          # SCI, clear
    pk.append(sec(0x00,0,2,b'',b'\x08\x00'+inner+icv))          # no SCI
    pk.append(sec(0x2c,0,3,sci,b'\x08\x00'+inner+icv))          # encrypted
    pk.append(sec(0x0c|0x40|0x10|0x01,0,4,b'',b'\x08\x00'+inner+icv))  # encrypted, flags, an 1
    pk.append(sec(0x20,len(inner)+2,5,sci,b'\x08\x00'+inner+icv))  # short length
    pk.append(sec(0x20,0x7f,6,sci,b'\x08\x00'+inner+icv))      # bad SL
    pk.append(sec(0xa0,0,7,sci,b'\x08\x00'+inner+icv))         # version bit
    pk.append(sec(0x20,0,8,sci,b'\x08\x00'+inner[:4]))         # too short for ICV
    pk.append(sec(0x20,0,9,sci,b'\x08\x06'+bytes.fromhex('0001080006040001020000000001')+bytes([10,0,0,1])+b'\0'*6+bytes([10,0,0,2])+icv)) # ARP inside
    pk.append(sec(0x20,0,10,sci,b'\x00\x20'+b'\xaa\xaa\x03\0\0\0\x08\x00'+inner[:24]+icv)) # 802.3 length inside
    pk.append(sec(0x20,0,11,sci,b'\x88\xb5'+b'xyz'*8+icv)) # unknown ethertype inside
    pk.append(sec(0x20,40,12,sci,b'\x08\x00'+inner+icv))  # SL shorter than content
    pk.append(eth(bytes([0x20,0,0,0]),et=0x88e5))
    pk.append(eth(bytes([0x20,0,0,0,0,1,2,3,4]),et=0x88e5))
    write(path, pk)


def igmp(path):
    def ipv4o(src,dst,proto,payload,opts=b'',ttl=1):
        ihl=5+len(opts)//4
        h=struct.pack('!BBHHHBBH4s4s',0x40|ihl,0xc0,ihl*4+len(payload),7,0x4000,ttl,proto,0,bytes(src),bytes(dst))+opts
        h=h[:10]+struct.pack('!H',csum(h))+h[12:]
        return h+payload
    def igmp(t,code,rest,good=True):
        m=bytes([t,code,0,0])+rest
        c=csum(m) if good else 0x1234
        return m[:2]+struct.pack('!H',c)+m[4:]
    ra=bytes([0x94,4,0,0])
    def a(*x): return bytes(x)
    s=[10,0,0,1]
    pk=[]
    def add(dst,msg,opts=ra):
        pk.append(eth(ipv4o(s,dst,2,msg,opts),dst=b'\x01\x00\x5e\x00\x00\x01'))
    g=a(239,1,2,3)
    add([224,0,0,1],igmp(0x11,0,a(0,0,0,0)))                      # v1 query
    add([224,0,0,1],igmp(0x11,100,a(0,0,0,0)))                    # v2 general query
    add([239,1,2,3],igmp(0x11,10,g))                              # v2 group query
    add([224,0,0,1],igmp(0x11,100,a(0,0,0,0)+b'\0\0'))            # odd length
    add([224,0,0,1],igmp(0x11,100,a(0,0,0,0)+a(2,125,0,0)))       # v3 general
    add([224,0,0,1],igmp(0x11,200,a(0,0,0,0)+a(2,125,0,0)))       # v3 mrc exp
    add([224,0,0,1],igmp(0x11,255,a(0,0,0,0)+a(2,125,0,0)))
    add([239,1,2,3],igmp(0x11,20,g+a(2,125,0,2)+a(10,0,0,7)+a(10,0,0,8)))  # v3 group+source
    add([239,1,2,3],igmp(0x11,20,g+a(2,125,0,5)+a(10,0,0,7)))     # too many sources
    add([239,1,2,3],igmp(0x11,20,g+a(2,125,0,0)+b'\0\0'))          # bad len
    add([239,1,2,3],igmp(0x12,0,g))                                # v1 report
    add([239,1,2,3],igmp(0x12,0,g+b'\0\0\0\0'))
    add([239,1,2,3],igmp(0x16,0,g))                                # v2 report
    add([239,1,2,3],igmp(0x16,0,g,good=False))
    add([224,0,0,2],igmp(0x17,0,g))                                # leave
    recs=a(1,0,0,0)+g + a(2,0,0,1)+a(239,9,9,9)+a(10,0,0,9) + a(3,0,0,0)+a(239,1,1,1)+a(4,0,0,0)+a(239,1,1,2)+a(5,0,0,2)+a(239,1,1,3)+a(10,0,0,1)+a(10,0,0,2)+a(6,0,0,1)+a(239,1,1,4)+a(10,0,0,3)+a(9,0,0,0)+a(239,1,1,5)
    add([224,0,0,22],igmp(0x22,0,a(0,0,0,7)+recs))                 # v3 report, 7 records
    add([224,0,0,22],igmp(0x22,0,a(0,0,0,9)+recs))                 # claims more groups
    add([224,0,0,22],igmp(0x22,0,a(0,0,0,1)+a(1,0,0,9)+g))         # too many sources
    add([224,0,0,22],igmp(0x22,0,a(0,0,0,1)+a(1,0,0,0)+g+b'\0\0'))  # bad len
    add([224,0,0,22],igmp(0x22,0,a(0,0,0,0)))                       # short
    add([224,0,0,1],igmp(0x42,0,g))                                # unknown
    add([224,0,0,1],igmp(0x16,0,g),opts=b'')                       # no router alert
    write(path, pk)


def vxlan(path):
    s=[192,168,50,1];d=[192,168,50,2]
    inner=eth(ipv4([10,42,0,1],[10,42,0,2],1,bytes([8,0,0xf7,0xff,0,0,0,0])),src=b'\x02\0\0\0\xaa\x01',dst=b'\x02\0\0\0\xbb\x01')
    arp=eth(bytes.fromhex('0001080006040001')+b'\x02\0\0\0\xaa\x01'+bytes([10,42,0,1])+b'\0'*6+bytes([10,42,0,2]),et=0x0806,dst=b'\xff'*6,src=b'\x02\0\0\0\xaa\x01')
    pk=[]
    pk.append(udp4(s,d,40000,4789,bytes([8,0,0,0,0,0,42,0])+inner))
    pk.append(udp4(s,d,40000,4789,bytes([8,0,0,0,0xff,0xff,0xff,0])+arp))
    pk.append(udp4(s,d,40000,4789,bytes([0,0,0,0,0,0,7,0])+inner))
    pk.append(udp4(s,d,40000,4789,bytes([0x0c,1,2,3,0,1,0,9])+inner[:20]))
    pk.append(udp4(s,d,40000,4789,bytes([8,0,0,0,0,0])))
    pk.append(udp4(s,d,4789,4789,bytes([8,0,0,0,0,0,1,0])+bytes([0x01,0,0x5e,0,0,1])+b'\x02\0\0\0\0\x09'+b'\x81\x00\x00\x05\x08\x00'+ipv4([10,0,0,1],[224,0,0,1],17,udp([10,0,0,1],[224,0,0,1],123,123,bytes([0x23])+b'\0'*47))))
    write(path, pk)


def tftp_syslog(path):
    s=[192,168,60,1];d=[192,168,60,2]
    pk=[]
    T=lambda p,sp=40001,dp=69: pk.append(udp4(s,d,sp,dp,p))
    T(b'\0\x01boot/pxelinux.0\0octet\0')
    T(b'\0\x02upload.txt\0netascii\0')
    T(b'\0\x01f\0octet\0blksize\0001428\0tsize\0000\0')
    T(b'\0\x06blksize\0001428\0tsize\x0012345\0',sp=69,dp=40001)
    T(b'\0\x03\0\x01'+b'x'*20,sp=69,dp=40001)
    T(b'\0\x04\0\x07')
    T(b'\0\x05\0\x01File not found\0',sp=69,dp=40001)
    T(b'\0\x05\0\x09odd\0',sp=69,dp=40001)
    T(b'\0\x05\0\x08\0',sp=69,dp=40001)
    T(b'\0\x09abc')
    T(b'\0')
    T(b'\0\x01nonul')
    T(b'\0\x01name\0')
    T(b'\0\x01na\x01me\0octet\0')
    T(b'\0\x03\0')
    T(b'\0\x05\0\x01')
    S=lambda p,sp=40002,dp=514: pk.append(udp4(s,d,sp,dp,p))
    S(b'<13>Dec  5 23:30:00 host user: hello world')
    S(b'<0>kernel panic')
    S(b'<191>debug local7')
    S(b'<34>1 2026-12-05T23:30:00Z host app - - - msg with \x01 ctrl and \xe9')
    S(b'<999>toolarge')
    S(b'<1234>digits')
    S(b'no pri')
    S(b'<13')
    S(b'<13>')
    S(b'<>empty pri\0')
    write(path, pk)


def ip_in_ip(path):
    def ipv6(src,dst,nh,payload,hlim=64):
        return struct.pack('!IHBB',0x60000000,len(payload),nh,hlim)+bytes(src)+bytes(dst)+payload
    a4=[10,0,0,1];b4=[10,0,0,2]
    a6=bytes.fromhex('fd000000000000000000000000000001');b6=bytes.fromhex('fd000000000000000000000000000002')
    icmp=bytes([8,0,0xf7,0xfe,0,1,0,0])
    icmp6=bytes([128,0,0,0,0,1,0,1])
    pk=[]
    pk.append(eth(ipv4([192,168,1,1],[192,168,1,2],4,ipv4(a4,b4,1,icmp))))
    pk.append(eth(ipv4([192,168,1,1],[192,168,1,2],41,ipv6(a6,b6,58,icmp6))))
    pk.append(eth(ipv6(a6,b6,4,ipv4(a4,b4,1,icmp)),et=0x86dd))
    pk.append(eth(ipv6(a6,b6,41,ipv6(a6,b6,58,icmp6)),et=0x86dd))
    write(path, pk)


def vrrp(path):
    def ipv6(src,dst,nh,payload,hlim=255):
        return struct.pack('!IHBB',0x60000000,len(payload),nh,hlim)+bytes(src)+bytes(dst)+payload
    def v4(payload,ttl=255):
        h=struct.pack('!BBHHHBBH4s4s',0x45,0xc0,20+len(payload),0,0,ttl,112,0,bytes([10,0,0,1]),bytes([224,0,0,18]))
        return eth(h[:10]+struct.pack('!H',csum(h))+h[12:]+payload,dst=b'\x01\x00\x5e\x00\x00\x12',src=b'\x00\x00\x5e\x00\x01\x07')
    def vrrp2(vrid,prio,addrs,auth=0,pw=b'',intvl=1,good=True,vt=0x21):
        m=bytes([vt,vrid,prio,len(addrs),auth,intvl,0,0])+b''.join(bytes(a) for a in addrs)+pw.ljust(8,b'\0')[:8]
        cs=csum(m) if good else 0xbeef
        return m[:6]+struct.pack('!H',cs)+m[8:]
    pk=[]
    pk.append(v4(vrrp2(7,100,[[10,0,0,254]])))
    pk.append(v4(vrrp2(7,200,[[10,0,0,254],[10,0,0,253]],auth=1,pw=b'secret')))
    pk.append(v4(vrrp2(9,50,[[10,0,0,254]],auth=1,pw=b'12345678')))
    pk.append(v4(vrrp2(7,100,[[10,0,0,254]],good=False),ttl=64))
    pk.append(v4(vrrp2(7,100,[[10,0,0,254]],auth=2)))
    pk.append(v4(vrrp2(7,100,[[10,0,0,254]],vt=0x22)))
    pk.append(v4(vrrp2(7,100,[[10,0,0,254]],vt=0x11)))
    # v3 over IPv4 (pseudo-header checksum)
    src=[10,0,0,1];dst=[224,0,0,18]
    m=bytes([0x31,5,100,1,0,100,0,0,10,0,0,254])
    ph=bytes(src)+bytes(dst)+struct.pack('!BBH',0,112,len(m))
    m=m[:6]+struct.pack('!H',csum(ph+m))+m[8:]
    pk.append(v4(m))
    pk.append(v4(m[:6]+b'\x12\x34'+m[8:]))
    # v3 over IPv6
    a6=bytes.fromhex('fe800000000000000000000000000001');b6=bytes.fromhex('ff020000000000000000000000000012')
    m6=bytes([0x31,5,100,1,0x0,100,0,0])+bytes(16)
    pk.append(eth(ipv6(a6,b6,112,m6),et=0x86dd))
    write(path, pk)


def stp(path):
    """RSTP, MSTP with MSTIs and SPB BPDUs (the kernel bridge only speaks
    802.1D), Cisco PVST and RFC 2684 BPDUs behind SNAP, unknown versions and
    types, lengths below each kind's minimum, frames cut inside each part."""
    bmac=b'\x01\x80\xc2\x00\x00\x00'
    def llc(bpdu,cut=None):
        f=bmac+b'\x02\0\0\0\0\x10'+struct.pack('!H',3+len(bpdu))+b'\x42\x42\x03'+bpdu
        f=f.ljust(60,b'\0')
        return (f[:cut],len(f)) if cut else f
    def snap(oui,pid,bpdu):
        f=b'\x01\x00\x0c\xcc\xcc\xcd'+b'\x02\0\0\0\0\x10'+struct.pack('!H',8+len(bpdu))+b'\xaa\xaa\x03'+oui+struct.pack('!H',pid)+bpdu
        return f.ljust(60,b'\0')
    def bid(prio,last): return struct.pack('!H',prio)+bytes([2,0,0,0,0,last])
    def base(ver,typ,flags,age=0x100,maxa=20*256,hello=2*256,fwd=15*256,port=0x8001,cost=4):
        return struct.pack('!HBBB',0,ver,typ,flags)+bid(0x1000,1)+struct.pack('!I',cost)+bid(0x8000,2)+struct.pack('!HHHHH',port,age,maxa,hello,fwd)
    pk=[]
    pk.append(llc(base(0,0,0x81,age=32,hello=0x180,fwd=0x0201)))   # TC + TC ack, odd timers
    pk.append(llc(base(0,0x80,0)[:4]))                              # TCN
    for flags in (0x00,0x3e,0x7c,0x01|0x08,0x04|0x02|0x40,0xff):
        pk.append(llc(base(2,2,flags)+b'\0'))                     # RSTP, roles
    pk.append(llc(base(2,2,0x3c)))                                  # RSTP without v1 length: invalid
    pk.append(llc(base(2,0,0x01)))                                  # RSTP version, config type
    def mstp(ver=3,msti=2,name=b'region-a',v1=0,v3=None,extra=b''):
        m=base(ver,2,0x7c)+bytes([v1])
        cfg=bytes([0])+name.ljust(32,b'\0')[:32]+struct.pack('!H',7)+bytes(range(0xa0,0xb0))
        cist=struct.pack('!I',200000)+bid(0x8000,3)+bytes([20])
        mstis=b''
        for i in range(msti):
            mstis+=bytes([0x7d if i%2==0 else 0x06])+struct.pack('!H',0x8000|(i+1))+bytes([2,0,0,0,0,i+4])+struct.pack('!I',2000*(i+1))+bytes([0x80,0x90,19-i])
        body=cfg+cist+mstis
        return m+struct.pack('!H',len(body) if v3 is None else v3)+body+extra
    pk.append(llc(mstp()))
    pk.append(llc(mstp(msti=0,name=b'a\x01b\xe9c'+b'x'*40)))        # name without NUL, control and high bytes
    pk.append(llc(mstp(v1=1)))                                      # v1 length not 0
    pk.append(llc(mstp(v3=500)))                                    # v3 length past the end
    pk.append(llc(mstp(msti=1,v3=64+16+5)))                         # a partial MSTI is left out
    pk.append(llc(mstp()[:90]))                                     # below the MSTP minimum
    spb=struct.pack('!H',85)+bytes([1])+b'aux'.ljust(32,b'\0')+struct.pack('!H',3)+bytes(range(16))+bytes([0xdc,0,0x35,0x7a])+struct.pack('!H',9)+b'\0'*8+bytes(range(0x40,0x54))
    pk.append(llc(mstp(ver=4,msti=1,extra=spb)))
    pk.append(llc(mstp(ver=4,msti=1,extra=spb[:40])))                # SPB part short
    pk.append(llc(mstp(ver=4,msti=1,extra=struct.pack('!H',20)+spb[2:])))  # v4 length below the minimum
    pk.append(llc(mstp(ver=4,msti=1,extra=spb),cut=14+3+60))         # cut in the MCID name
    pk.append(llc(mstp(ver=4,msti=1,extra=spb),cut=14+3+110))        # cut in the first MSTI
    pk.append(llc(mstp(ver=4,msti=1,extra=spb),cut=14+3+150))        # cut in the SPB part
    pk.append(llc(base(2,2,0x3c)+b'\0',cut=14+3+20))                 # cut in the bridge id
    pk.append(llc(base(0,0,0),cut=14+3+30))                          # cut in the timers
    pk.append(llc(base(0,0,0),cut=14+3+3))                           # cut before the type
    pk.append(llc(base(1,0,0)))                                      # unknown version
    pk.append(llc(base(9,0,0)))
    pk.append(llc(base(0,7,0)))                                      # unknown BPDU type
    pk.append(llc(b'\x00\x01\x00\x00'+base(0,0,0)[4:]))                # protocol id not 0
    pk.append(llc(base(0,0,0)[:20]))                                 # config below 35 bytes
    pk.append(llc(b'\0\0\0'))                                        # below 4 bytes
    pk.append(snap(b'\x00\x00\x0c',0x010b,base(0,0,0)+struct.pack('!HH',0,0x000a)))  # PVST+
    pk.append(snap(b'\x00\x00\x0c',0x010c,base(0,0x80,0)[:4]))
    pk.append(snap(b'\x00\x80\xc2',0x000e,base(2,2,0x3c)+b'\0'))
    write(path, pk)


def gre(path):
    """GRE v0 with checksum, key, sequence and RFC 1701 source routes around
    IPv4, IPv6, Ethernet (TEB), WCCP and keep-alives; PPTP's v1 headers; an
    unknown version and protocol; lengths too short for the flags; frames cut
    inside the header and inside the inner packet."""
    def ipv6(src,dst,nh,payload,hlim=64):
        return struct.pack('!IHBB',0x60000000,len(payload),nh,hlim)+bytes(src)+bytes(dst)+payload
    o4=[192,168,70,1];o4b=[192,168,70,2]
    a4=[10,70,0,1];b4=[10,70,0,2]
    a6=bytes.fromhex('fd000000000000000000000000000001');b6=bytes.fromhex('fd000000000000000000000000000002')
    echo=ipv4(a4,b4,1,bytes([8,0,0xf7,0xfe,0,1,0,0]))
    echo6=ipv6(a6,b6,58,bytes([128,0,0x7b,0x9a,0,1,0,1]))
    arp=eth(bytes.fromhex('0001080006040001')+b'\x02\0\0\0\xaa\x01'+bytes(a4)+b'\0'*6+bytes(b4),et=0x0806,dst=b'\xff'*6,src=b'\x02\0\0\0\xaa\x01')
    def g(flags,prot,opt=b'',payload=b''):
        return struct.pack('!HH',flags,prot)+opt+payload
    def out(gre,cut=None,total=None):
        f=eth(ipv4(o4,o4b,47,gre))
        if total is not None:
            f=f[:14+2]+struct.pack('!H',total)+f[18:]
        return (f[:cut],len(f)) if cut else f
    pk=[]
    pk.append(out(g(0,0x0800,payload=echo)))
    pk.append(out(g(0x8000,0x0800,struct.pack('!HH',0xabcd,0),echo)))
    pk.append(out(g(0x3000,0x86dd,struct.pack('!II',0x1234abcd,7),echo6)))
    pk.append(out(g(0x2000,0x6558,struct.pack('!I',0x00002a00),arp)))
    pk.append(out(g(0,0x0000)))
    pk.append(out(g(0,0x883e,payload=bytes([0xe0,9,3,4])+echo)))
    pk.append(out(g(0,0x883e,payload=echo)))
    sres=struct.pack('!HBB',0x0800,4,8)+bytes([10,0,0,1,10,0,0,2])+struct.pack('!HBB',0xfffe,2,4)+struct.pack('!HH',100,200)+struct.pack('!HBB',0x1234,0,2)+b'xy'+struct.pack('!HBB',0,0,0)
    pk.append(out(g(0xc000,0x0800,struct.pack('!HH',0,12),sres+echo)))
    pk.append(out(g(0x4000,0x0800,struct.pack('!HH',0,0),struct.pack('!HBB',0x0800,2,8)+bytes(8)+echo)))
    pk.append(out(g(0x4000,0x0800,struct.pack('!HH',0,0),struct.pack('!HBB',0x0800,0,6)+bytes(6)+echo)))
    pk.append(out(g(0x4000,0x0800,struct.pack('!HH',0,0),struct.pack('!HBB',0xfffe,4,4)+bytes(4)+echo)))
    pk.append(out(g(0x4000,0x0800,struct.pack('!HH',0,0),struct.pack('!HBB',0xfffe,1,4)+bytes(4)+echo)))
    pk.append(out(g(0x4000,0x0800,struct.pack('!HH',0,0),struct.pack('!HBB',0x0800,0,200)+bytes(8))))
    pk.append(out(g(0,0x1234,payload=b'abcd')))
    pk.append(out(g(0x3081,0x0800,struct.pack('!HHII',8,0x4242,5,4),echo[:8])))
    pk.append(out(g(0x2081,0x880b,struct.pack('!HHI',0,0x4242,9))))
    pk.append(out(g(0x3001,0x1234,struct.pack('!HHI',4,0x4242,6),b'data')))
    pk.append(out(g(0x0002,0x0800,payload=echo)))
    pk.append(out(g(0,0x0800,payload=echo),total=21))
    pk.append(out(g(0,0x0800,payload=echo),total=23))
    pk.append(out(g(0x2000,0x0800,payload=echo),total=26))
    pk.append(out(g(0x3000,0x0800,struct.pack('!I',1),echo),total=30))
    pk.append(out(g(0x8000,0x0800,payload=echo),total=26))
    pk.append(out(g(0x3000,0x86dd,struct.pack('!II',0x1234abcd,7),echo6),cut=14+20+10))
    pk.append(out(g(0,0x0800,payload=echo),cut=14+20+2))
    pk.append(out(g(0,0x0800,payload=echo),cut=14+20+4+12))
    pk.append(out(g(0x2000,0x6558,struct.pack('!I',0x00002a00),arp),cut=14+20+8+20))
    pk.append(eth(ipv6(a6,b6,47,g(0,0x0800,payload=echo)),et=0x86dd))
    write(path, pk)


def geneve(path):
    """Geneve with Ethernet, IPv4, IPv6 and an unknown protocol inside; the
    O and C flags and reserved bits; options of every named class (one
    packet sweeps 0x00ff-0x0140 and the experimental range), critical types,
    data words, a bad option length; an unknown version; an option area
    longer than the packet; frames cut in the header, options and inner packet."""
    def ipv6(src,dst,nh,payload,hlim=64):
        return struct.pack('!IHBB',0x60000000,len(payload),nh,hlim)+bytes(src)+bytes(dst)+payload
    s=[192,168,80,1];d=[192,168,80,2]
    a4=[10,80,0,1];b4=[10,80,0,2]
    a6=bytes.fromhex('fd000000000000000000000000000001');b6=bytes.fromhex('fd000000000000000000000000000002')
    echo=ipv4(a4,b4,1,bytes([8,0,0xf7,0xfe,0,1,0,0]))
    echo6=ipv6(a6,b6,58,bytes([128,0,0x7b,0x9a,0,1,0,1]))
    inner=eth(echo,src=b'\x02\0\0\0\xaa\x01',dst=b'\x02\0\0\0\xbb\x01')
    def gen(prot,payload,opts=b'',flags=0,vni=0x123456,rsvd=0,ver=0,optlen=None):
        ol=len(opts)//4 if optlen is None else optlen
        return bytes([(ver<<6)|ol,flags])+struct.pack('!H',prot)+struct.pack('!I',(vni<<8)|rsvd)+opts+payload
    def opt(cls,typ,data=b''):
        return struct.pack('!HBB',cls,typ,len(data)//4)+data
    def U(p,cut=None,sp=45000):
        f=udp4(s,d,sp,6081,p)
        return (f[:cut],len(f)) if cut else f
    pk=[]
    pk.append(U(gen(0x6558,inner)))
    pk.append(U(gen(0x0800,echo,flags=0xc0)))
    pk.append(U(gen(0x86dd,echo6,flags=0x3f,rsvd=7)))
    pk.append(U(gen(0x1234,b'payload')))
    pk.append(U(gen(0x6558,inner,opts=opt(0x0100,0x80,b'\x01\x02\x03\x04\x05\x06\x07\x08')+opt(0x0102,1)+opt(0xfff5,0x7f,b'abcd'))))
    sweep=b''.join(opt(cl,cl&0xff) for cl in list(range(0x00ff,0x0141))+[0x1000,0xffef,0xfff0,0xffff])
    pk.append(U(gen(0x0800,echo,opts=sweep[:252])))
    pk.append(U(gen(0x0800,echo,opts=sweep[252:504])))
    pk.append(U(gen(0x0800,echo,opts=opt(0x0101,2,b'12345678'),optlen=2)))          # option longer than the area
    pk.append(U(gen(0x0800,echo,ver=1)))
    pk.append(U(gen(0x0800,b'',optlen=5)))                                           # options past the end
    pk.append(U(gen(0x6558,inner),cut=14+20+8+5))
    pk.append(U(gen(0x6558,inner,opts=opt(0x0100,1,b'abcdefgh')),cut=14+20+8+12))
    pk.append(U(gen(0x6558,inner),cut=14+20+8+8+20))
    pk.append(U(gen(0x0800,echo),cut=14+20+8+8+10))
    write(path, pk)


def ipsec(path):
    """ESP and AH over IPv4 and IPv6: AH before ICMP, TCP, UDP, ESP and another
    AH, a reserved field set, ICVs of several lengths; headers cut short."""
    def ipv6(src,dst,nh,payload,hlim=64):
        return struct.pack('!IHBB',0x60000000,len(payload),nh,hlim)+bytes(src)+bytes(dst)+payload
    s=[192,168,90,1];d=[192,168,90,2]
    a6=bytes.fromhex('fd000000000000000000000000000001');b6=bytes.fromhex('fd000000000000000000000000000002')
    icmp=bytes([8,0,0xf7,0xfe,0,1,0,0])
    def esp(spi,seq,n=24): return struct.pack('!II',spi,seq)+bytes(range(n))
    def ah(nh,spi,seq,icv=bytes(range(0x10,0x1c)),rsvd=0):
        return struct.pack('!BBHII',nh,(12+len(icv))//4-2,rsvd,spi,seq)+icv
    def v4(proto,payload,cut=None):
        f=eth(ipv4(s,d,proto,payload))
        return (f[:cut],len(f)) if cut else f
    pk=[]
    pk.append(v4(50,esp(0x1001,1)))
    pk.append(v4(50,esp(0xdeadbeef,0xffffffff,0)))
    pk.append(v4(51,ah(1,0x2002,5)+icmp))
    pk.append(v4(51,ah(17,0x2002,6,icv=bytes(16))+udp(s,d,40000,4000,b'hello')))
    pk.append(v4(51,ah(50,0x2002,7,rsvd=0x12)+esp(0x1001,2)))
    pk.append(v4(51,ah(51,0x2002,8,icv=b'')+ah(1,0x2003,9)+icmp))
    pk.append(v4(51,ah(59,0x2002,10)))
    pk.append(v4(50,esp(0x1001,3,0)[:8]))
    pk.append(v4(50,esp(0x1001,3),cut=14+20+6))
    pk.append(v4(51,ah(1,0x2002,11)+icmp,cut=14+20+1))
    pk.append(v4(51,ah(1,0x2002,11)+icmp,cut=14+20+14))
    pk.append(v4(51,ah(1,0x2002,11)+icmp,cut=14+20+24+2))
    pk.append(eth(ipv6(a6,b6,50,esp(0x3003,1)),et=0x86dd))
    pk.append(eth(ipv6(a6,b6,51,ah(58,0x4004,2)+bytes([128,0,0,0,0,1,0,1])),et=0x86dd))
    write(path, pk)


def ip6hdr(src,dst,nh,payload,hlim=64):
    return struct.pack('!IHBB',0x60000000,len(payload),nh,hlim)+bytes(src)+bytes(dst)+payload
def udp6(src,dst,sp,dp,payload,cut=None):
    """An Ethernet frame with IPv6 and UDP (checksum right); cut: captured bytes."""
    u=struct.pack('!HHHH',sp,dp,8+len(payload),0)+payload
    ph=bytes(src)+bytes(dst)+struct.pack('!IxxxB',len(u),17)
    u=u[:6]+struct.pack('!H',csum(ph+u) or 0xffff)+u[8:]
    f=eth(ip6hdr(src,dst,17,u),et=0x86dd)
    return (f[:cut],len(f)) if cut else f


def dhcp6(path):
    """DHCPv6: the four-message exchange with the usual options, a relayed
    solicit, every option 4.99 decodes with good and bad lengths, an option
    longer than the message, and captures cut inside the header, an address
    and a nested option."""
    cl=bytes.fromhex('fe800000000000000000000000000002');sv=bytes.fromhex('fe800000000000000000000000000001')
    mc=bytes.fromhex('ff020000000000000000000000010002')
    a1=bytes.fromhex('fd000000000000000000000000000100');a2=bytes.fromhex('fd000000000000000000000000000053')
    def o(t,d): return struct.pack('!HH',t,len(d))+d
    def m(t,xid,opts): return struct.pack('!I',t<<24|xid)+b''.join(opts)
    def name(*labels): return b''.join(bytes([len(l)])+l for l in labels)+b'\0'
    cid=o(1,struct.pack('!HHI',1,1,0x2b0a0b0c)+bytes.fromhex('020000000002'))
    sid=o(2,struct.pack('!HH',3,1)+bytes.fromhex('020000000001'))
    iaaddr=o(5,a1+struct.pack('!II',3600,7200))
    pk=[]
    c2s=lambda msg,cut=None: udp6(cl,mc,546,547,msg,cut)
    s2c=lambda msg,cut=None: udp6(sv,cl,547,546,msg,cut)
    pk.append(c2s(m(1,0x123456,[cid,o(6,struct.pack('!HHHH',23,24,56,0xfff0)),o(8,b'\0\0'),o(3,struct.pack('!III',1,0,0)),o(14,b'')])))
    pk.append(s2c(m(2,0x123456,[o(3,struct.pack('!III',1,1800,2880)+iaaddr),cid,sid,o(7,b'\xff'),o(23,a2+sv),o(24,name(b'lab',b'example')+name(b'example',b'org'))])))
    pk.append(c2s(m(3,0xabcdef,[cid,sid,o(3,struct.pack('!III',1,0,0)+iaaddr),o(8,b'\x00\x64')])))
    pk.append(s2c(m(7,0xabcdef,[o(3,struct.pack('!III',1,1800,2880)+iaaddr+o(13,b'\0\0all good')),cid,sid,o(13,struct.pack('!H',2)+b'none'),o(32,struct.pack('!I',86400))])))
    for t in (4,5,6,8,9,10,11,14,15,16,99):
        pk.append(c2s(m(t,t,[cid])))
    # relay-forward carrying a solicit, then a relay-reply with interface-id
    inner=m(1,0x42,[cid,o(8,b'\0\1')])
    pk.append(udp6(sv,mc,547,547,struct.pack('!BB',12,0)+a1+cl+o(18,b'eth0.100-port-7')+o(9,inner)+o(37,struct.pack('!I',9)+b'remote-identifier')))
    pk.append(udp6(mc,sv,547,547,struct.pack('!BB',13,1)+a1+cl+o(9,m(7,0x42,[sid]))))
    # every option with good, short and odd lengths
    opts=[]
    for duid in (struct.pack('!HHI',1,1,5)+b'\1\2\3\4\5\6',struct.pack('!HHI',1,1,5),struct.pack('!HI',2,311)+b'abc',struct.pack('!HI',2,311)+b'abcdef',struct.pack('!HI',2,311)[:5],
                 struct.pack('!HH',3,6)+b'\xaa\xbb',b'\0\3\0',struct.pack('!H',4)+bytes(range(16)),struct.pack('!H',4)+b'x',b'\0\x09zz',b'\0'):
        opts.append(o(1,duid))
    opts+= [o(3,b'short'),o(4,struct.pack('!I',7)),o(4,struct.pack('!I',7)+iaaddr),o(4,b'\1'),o(5,a1),o(5,a1+b'\0'*8+o(13,b'\0\1')),
            o(6,b'\0\1\0'),o(43,b'\0\1\0\2'),o(7,b''),o(8,b'\1'),o(12,sv),o(13,b'\0'),o(13,b'\1\0'),o(13,b'\0\x0a'),o(13,b'\0\x0b'),
            o(15,struct.pack('!H',3)+b'abc'+struct.pack('!H',2)+b'de'),o(15,struct.pack('!H',9)+b'abc'),o(15,b'\0'),o(136,struct.pack('!H',4)+b'http'),
            o(16,b'vendor'),o(17,b'spec'),o(19,b'\5'),o(19,b'\x0b'),o(19,b'\7'),o(19,b'\5\5'),o(20,b''),o(21,name(b'sip',b'lab')),
            o(22,sv),o(22,sv[:8]),o(27,a1),o(28,a2),o(31,sv+a1),o(34,a1),o(40,a2),o(48,a1),o(33,b'\3abc'),
            o(25,struct.pack('!III',2,100,200)+o(26,struct.pack('!IIB',300,400,56)+a1)),o(25,b'\0'*4),o(26,b'\0'*24),
            o(26,struct.pack('!IIB',1,2,64)+a2+o(13,b'\0\6')),o(32,b'\0'),o(46,struct.pack('!I',77)),o(37,b'\0\0\0\1'),o(37,b'\0'),
            o(38,b'subscriber-identity'),o(44,b'\1'+a1),o(44,b'\2'+a1+cid),o(44,b'\7'+a1),o(44,b'\1'),o(45,cid+iaaddr),o(45,b''),
            o(47,a1+b'relay-data-is-long'),o(47,b'\0'),
            o(56,o(1,a2)+o(2,mc)+o(3,name(b'ntp',b'lab'))+o(1,b'\0')+o(9,b'')),o(56,b'\0'),
            o(64,name(b'aftr',b'example',b'net')),o(64,b'\x09ab'),o(64,b'ab'),o(41,b'EST5EDT'),o(42,b'Europe/Paris'),o(41,b'UTC'),o(112,b'https://mud/\0x'),
            o(59,b'tftp://[fd00::1]/boot\x01'),o(11,bytes([2,1,0])+bytes(8)+b'realm'+struct.pack('!I',0x1234)+bytes(range(16))),
            o(11,bytes([3,1,0])+bytes(8)+b'\1'+bytes(range(16))),o(11,bytes([3,2,1])+bytes(8)+b'\2'+bytes(16)),o(11,bytes([2,1,0])+bytes(8)+b'\1'),
            o(11,bytes([5,7,9])+bytes(8)),o(11,bytes([2,1,0])+bytes(8)),o(11,b'\1'),o(3,struct.pack('!III',1,2,3)+b'\0\5\0\x40'),
            o(24,b'\3abc\xc0\x00'),o(39,b'\1\3abc\0'),o(250,b'??')]
    for i in range(0,len(opts),10):
        pk.append(c2s(m(11,i,opts[i:i+10])))
    # an option claiming more than the message has; a message shorter than 4
    pk.append(c2s(m(1,1,[cid])+struct.pack('!HH',8,10)+b'\0'))
    pk.append(c2s(b'\1\0'))
    pk.append(c2s(m(1,1,[cid])+b'\0'))
    # cut captures: in the header, inside an address, inside a nested option
    full=m(2,0x777,[o(3,struct.pack('!III',1,1800,2880)+iaaddr),cid,o(23,a2)])
    for cut in (2,10,30,44,60,82):
        pk.append(s2c(full,cut=14+40+8+cut))
    pk.append(udp6(sv,mc,547,547,struct.pack('!BB',12,0)+a1+cl+o(9,inner),cut=14+40+8+20))
    pk.append(udp6(sv,mc,547,547,struct.pack('!BB',12,0)+a1+cl+o(9,inner),cut=14+40+8+34+4+10))
    write(path, pk)


def rip(path):
    """RIPv1 and RIPv2 requests and responses (routes, AFI 0, other families,
    non-zero must-be-zero fields, netmasks that are no prefix, next hops),
    RIPv2 simple, keyed-MD5 header and trailer and unknown authentication,
    other commands and versions, entries cut short; RIPng requests (the
    whole-table dump) and responses, bad versions and commands, odd lengths."""
    s=[10,0,0,1];d=[224,0,0,9]
    def r4(cmd,ver,body,cut=None,sp=520,dp=520):
        f=udp4(s,d,sp,dp,struct.pack('!BBH',cmd,ver,0)+body)
        return (f[:cut],len(f)) if cut else f
    def e1(fam,addr,metric,mbz=b'\0'*10): return struct.pack('!H',fam)+mbz[:2]+bytes(addr)+mbz[2:]+struct.pack('!I',metric)
    def e2(fam,tag,addr,mask,nh,metric): return struct.pack('!HH',fam,tag)+bytes(addr)+struct.pack('!I',mask)+bytes(nh)+struct.pack('!I',metric)
    pk=[]
    pk.append(r4(1,1,e1(0,[0,0,0,0],16)))
    pk.append(r4(2,1,e1(2,[10,1,0,0],1)+e1(2,[10,2,0,0],2)+e1(0,[10,3,0,0],3)+e1(7,[1,2,3,4],4)+e1(2,[10,4,0,0],5,mbz=b'\0\1'+b'\0'*8)))
    pk.append(r4(2,1,e1(2,[10,1,0,0],1)+b'\0\2\0'))
    pk.append(r4(1,2,e2(0,0,[0,0,0,0],0,[0,0,0,0],16)))
    pk.append(r4(2,2,e2(2,0,[10,1,0,0],0xffff0000,[0,0,0,0],1)+e2(2,7,[192,168,100,0],0xffffff00,[10,0,0,254],2)+e2(2,0,[0,0,0,0],0,[0,0,0,0],3)+
                 e2(2,0xbeef,[10,9,0,0],0xff00ff00,[0,0,0,0],15)+e2(0,0,[1,2,3,4],0xffffffff,[0,0,0,0],16)+e2(24,0,[1,2,3,4],0,[0,0,0,0],1)+e2(99,0,[1,2,3,4],0,[0,0,0,0],1)))
    pk.append(r4(2,2,struct.pack('!HH',0xffff,2)+b'secret\0\0\0\0\0\0\0\0\0\0'+e2(2,0,[10,1,0,0],0xffff0000,[0,0,0,0],1)))
    pk.append(r4(2,2,struct.pack('!HH',0xffff,2)+b'sixteen-bytes-pw'+e2(2,0,[10,1,0,0],0xffff0000,[0,0,0,0],1)))
    pk.append(r4(2,2,struct.pack('!HH',0xffff,3)+struct.pack('!HBBIII',44,1,16,77,0,0)+e2(2,0,[10,1,0,0],0xffff0000,[0,0,0,0],1)+struct.pack('!HH',0xffff,1)+bytes(range(16))))
    pk.append(r4(2,2,struct.pack('!HH',0xffff,9)+bytes(range(20))))
    pk.append(r4(2,2,struct.pack('!HH',0xffff,3)+b'\0'*8))
    pk.append(r4(2,2,e2(2,0,[10,1,0,0],0xffff0000,[0,0,0,0],1)+b'\0\2\0\0\1\1'))
    pk.append(r4(2,2,e2(2,0,[10,1,0,0],0xffff0000,[0,0,0,0],1)+e2(2,0,[10,2,0,0],0xffff0000,[0,0,0,0],1),cut=14+20+8+4+20+10))
    pk.append(r4(2,1,e1(2,[10,1,0,0],1)+e1(2,[10,2,0,0],1),cut=14+20+8+4+30))
    for cmd in (3,4,5,6,7,8,9,10,11,12,0):
        pk.append(r4(cmd,2,b'abcd'))
    pk.append(r4(2,3,e2(2,0,[10,1,0,0],0xffff0000,[0,0,0,0],1)))
    pk.append(r4(2,0,b''))
    pk.append((udp4(s,d,520,520,b'\2\2\0\0')[:14+20+8+2],14+20+8+4))
    pk.append(udp4(s,d,520,520,b'\2'))
    pk.append(r4(2,2,e2(2,0,[10,1,0,0],0xffff0000,[0,0,0,0],1),sp=40000))
    # RIPng
    a=bytes.fromhex('fe800000000000000000000000000001');m=bytes.fromhex('ff020000000000000000000000000009')
    def r6(cmd,ver,body,cut=None):
        return udp6(a,m,521,521,struct.pack('!BBH',cmd,ver,0)+body,cut)
    def n6(pfx,tag,plen,metric): return bytes.fromhex(pfx)+struct.pack('!HBB',tag,plen,metric)
    z='00'*16
    pk.append(r6(1,1,n6(z,0,0,16)))
    pk.append(r6(1,1,n6(z,0,0,15)))
    pk.append(r6(1,1,n6('fd000000000000010000000000000000',0,64,16)+n6(z,0,0,16)))
    pk.append(r6(2,1,n6('fd000000000000010000000000000000',0,64,1)+n6('fd000000000000020000000000000000',5,64,0)+n6('20010db8000000000000000000000000',0,32,16)))
    pk.append(r6(2,1,n6('fd000000000000010000000000000000',0,64,1)+b'\0\0\0'))
    pk.append(r6(2,2,n6('fd000000000000010000000000000000',0,64,1)))
    pk.append(r6(3,1,n6(z,0,0,1)))
    pk.append(r6(2,1,b''))
    pk.append(r6(2,1,n6('fd000000000000010000000000000000',0,64,1)+n6('fd000000000000020000000000000000',0,64,1),cut=14+40+8+4+20+10))
    pk.append(r6(2,1,b'',cut=14+40+8+1))
    write(path, pk)


def cdp(path):
    """CDPv1 and v2 announcements as Cisco switches send them (every TLV
    tcpdump 4.99 decodes: addresses IPv4, IPv6 and other protocols, prefixes,
    capabilities, a multi-line version, VLANs, power, ...), TLVs with bad
    lengths, unknown types, a packet shorter than its header and captures
    cut inside a TLV."""
    def frame(cdpmsg,cut=None):
        llc=b'\xaa\xaa\x03\x00\x00\x0c\x20\x00'+cdpmsg
        f=b'\x01\x00\x0c\xcc\xcc\xcc'+b'\x02\x00\x00\x00\x00\x01'+struct.pack('!H',len(llc))+llc
        return (f[:cut],len(f)) if cut else f
    def t(typ,val): return struct.pack('!HH',typ,4+len(val))+val
    def msg(ver,ttl,tlvs): return struct.pack('!BBH',ver,ttl,0xbeef)+b''.join(tlvs)
    v4=lambda a: b'\x01\x01\xcc'+struct.pack('!H',4)+bytes(a)
    v6=lambda a: b'\x02\x08\xaa\xaa\x03\x00\x00\x00\x86\xdd'+struct.pack('!H',16)+bytes.fromhex(a)
    other=b'\x01\x01\x81'+struct.pack('!H',3)+b'\x01\x02\x03'
    pk=[]
    pk.append(frame(msg(2,180,[t(1,b'sw1.lab'),t(2,struct.pack('!I',2)+v4([10,0,0,1])+v6('fd000000000000000000000000000001')),
        t(3,b'GigabitEthernet0/1'),t(4,struct.pack('!I',0x29)),t(5,b'Cisco IOS Software\nVersion 15.2(4)E\n\nCopyright (c) \x01\xe9'),
        t(6,b'cisco WS-C2960'),t(7,bytes([10,1,0,0,16,192,168,1,0,24])),t(8,bytes(32)),t(9,b'LAB'),t(10,struct.pack('!H',100)),t(11,b'\1'),
        t(0x16,struct.pack('!I',1)+v4([10,0,0,1])),t(0x14,b'sysname'),t(0x10,struct.pack('!H',15400)),t(0x11,struct.pack('!I',1500)),
        t(0x12,b'\x00'),t(0x13,b'\x05'),t(0x17,b'\x01room-1'),t(0x17,b'\x02'),t(0x15,b'\x06\x03\x2b\x06\x01')])))
    pk.append(frame(msg(1,60,[t(1,b'router'),t(2,struct.pack('!I',3)+other+v4([192,168,1,1])+b'\x01\x01\xcc\x00\x04\x0a'),t(11,b'\0'),
        t(0x0e,b'\x01\x00\x64'),t(0x0f,b'\x20\x00'),t(0x0f,b'\x01\x00\x0a'),t(0x10,b'\x07'),t(0x10,b'\x01\x02\x03'),t(0x0c,b'xx'),t(0x30,b'unknown-tlv'),t(0,b'z')])))
    pk.append(frame(msg(2,180,[t(1,b'badlen'),t(4,b'\0\0\1'),t(10,b'\0\1\2'),t(11,b''),t(0x0e,b'\0\0'),t(0x10,b'\0\0\0\1'),t(0x11,b''),t(0x12,b'ab'),t(0x16,b'\0\0\0'),t(0x17,b''),t(7,b'\1\2\3')])))
    pk.append(frame(msg(2,180,[t(2,struct.pack('!I',2)+v4([10,0,0,1]))])))
    pk.append(frame(msg(2,180,[t(2,b'\0\0\0\1\1')])))
    pk.append(frame(msg(2,180,[t(2,b'\0\0\0\1\1\1\xcc\0')])))
    pk.append(frame(msg(2,180,[t(2,b'\0\0\0\1\1\1\xcc\0\4\1\2')])))
    pk.append(frame(msg(2,180,[t(2,b'\0\0\0\1\1\2\x81\x82\0\4\1\2')])))
    pk.append(frame(msg(2,180,[t(2,b'\0\0')])))
    pk.append(frame(msg(2,180,[t(2,struct.pack('!I',1)+v4([10,0,0,1])+b'junk')])))
    pk.append(frame(msg(2,180,[t(1,b'dev'),struct.pack('!HH',3,2)])))
    pk.append(frame(msg(2,180,[t(1,b'dev'),struct.pack('!HH',3,40)+b'short'])))
    pk.append(frame(msg(2,180,[t(1,b'dev')])+b'\0\1'))
    pk.append(frame(b'\2\xb4'))
    full=msg(2,180,[t(1,b'switch-with-a-long-name'),t(3,b'Gi0/2'),t(5,b'line one\nline two')])
    for cut in (14+8+2,14+8+4+10,14+8+4+27+4,14+8+4+27+9+10):
        pk.append(frame(full,cut=cut))
    write(path, pk)


def udp_ports(path):
    """One UDP datagram between every ordered pair of the ports nsbox
    decodes: which dissector tcpdump tries first."""
    s=[10,0,0,1];d=[10,0,0,2]
    ports=[53,67,68,69,123,161,162,514,520,521,546,547,3456,4789,6081,5353,10161,10162,
           654,4500,4567,319,320,30490,1645,1646,1700,1812,1813,3799,1985,3784,3785,4784,6784,49152,5060,8472,88,750,6635,525,1589,496,12222,12223,6696,6697,4790,5359,4342]
    write(path,[udp4(s,d,a,b,b'\x02\x02\x00\x00'+bytes(44)) for a in ports for b in ports if a!=b])


def snmp(path):
    """SNMPv1/v2c/v3 messages with every PDU and value type tcpdump decodes,
    then malformed BER (bad tags, lengths, types) and cut captures."""
    def tlv(t,b,lf=None):
        n=len(b)
        if lf is not None: l=lf
        elif n<128: l=bytes([n])
        elif n<256: l=b'\x81'+bytes([n])
        else: l=b'\x82'+struct.pack('!H',n)
        return bytes([t])+l+b
    def i(v,t=2):
        b=v.to_bytes(8,'big',signed=True)
        while len(b)>1 and ((b[0]==0 and b[1]<128) or (b[0]==0xff and b[1]>=128)): b=b[1:]
        return tlv(t,b)
    def u(v,t,n=None):
        b=v.to_bytes(n or max(1,(v.bit_length()+8)//8),'big')
        return tlv(t,b)
    def oid(*parts):
        out=b''
        for x in (parts[0]*40+parts[1],)+parts[2:]:
            e=[x&0x7f]; x>>=7
            while x: e.append(0x80|(x&0x7f)); x>>=7
            out+=bytes(reversed(e))
        return tlv(6,out)
    NULL=tlv(5,b'')
    sys_descr=oid(1,3,6,1,2,1,1,1,0)
    def vb(name,val): return tlv(0x30,name+val)
    def vbl(*v): return tlv(0x30,b''.join(v))
    def pdu(t,reqid,es,ei,vbs): return tlv(0xa0+t,i(reqid)+i(es)+i(ei)+vbs)
    def msg(ver,comm,body,extra=b''): return tlv(0x30,i(ver)+tlv(4,comm)+body)+extra
    s=[10,0,0,1];d=[10,0,0,2]
    def m(body,sp=40000,dp=161): return udp4(s,d,sp,dp,body)
    values=[i(0),i(42),i(-1),i(-129),i(2**31-1),i(-2**31),tlv(4,b'Linux box 6.1'),tlv(4,b''),tlv(4,b'\x00\x01\xff'),
        tlv(4,b'tab\there'),oid(1,3,6,1,4,1,8072,3,2,10),oid(2,999,3),u(0x0a000001,0x40,4),tlv(0x40,b'\x0a\x00\x01'),
        u(4294967295,0x41,5),u(123456,0x42),u(8640000,0x43),u(2**64-1,0x46,9),u(1,0x46),tlv(0x44,b'\x9f\x78\x04\x00\x00\x00\x00'),
        NULL,tlv(0x80,b''),tlv(0x81,b''),tlv(0x82,b''),tlv(0x01,b'\xff'),tlv(0x03,b'\x00\xa0'),tlv(0x45,b'\x01'),tlv(0x83,b''),
        tlv(0xc0,b'\x01\x02'),tlv(0x31,b'\x02\x01\x01'),tlv(0x61,b'\x02\x01\x01'),tlv(0xa5,b'')]
    pk=[]
    pk.append(m(msg(0,b'public',pdu(0,1,0,0,vbl(vb(sys_descr,NULL),vb(oid(1,3,6,1,2,1,1,3,0),NULL))))))
    pk.append(m(msg(0,b'private',pdu(1,2,0,0,vbl(vb(oid(1,3,6,1,2,1,2,2,1,2),NULL))))))
    pk.append(m(msg(0,b'public',pdu(2,1,0,0,vbl(*[vb(oid(1,3,6,1,2,1,1,k,0),v) for k,v in enumerate(values[:16])]))),sp=161,dp=40000))
    pk.append(m(msg(1,b'public',pdu(2,3,0,0,vbl(*[vb(oid(1,3,6,1,2,1,1,k,0),v) for k,v in enumerate(values[16:])]))),sp=161,dp=40000))
    pk.append(m(msg(0,b'public',pdu(2,4,1,1,vbl(vb(sys_descr,NULL)))),sp=161,dp=40000))
    pk.append(m(msg(0,b'public',pdu(2,5,2,0,vbl(vb(sys_descr,NULL)))),sp=161,dp=40000))
    pk.append(m(msg(0,b'public',pdu(2,6,0,3,vbl(vb(sys_descr,NULL)))),sp=161,dp=40000))
    pk.append(m(msg(1,b'public',pdu(2,7,25,2,vbl(vb(sys_descr,NULL)))),sp=161,dp=40000))
    pk.append(m(msg(1,b'public',pdu(2,8,-3,2,vbl())),sp=161,dp=40000))
    pk.append(m(msg(0,b'secret\x01',pdu(3,9,0,0,vbl(vb(oid(1,3,6,1,2,1,1,5,0),tlv(4,b'router')),vb(oid(1,3,6,1,2,1,1,6,0),i(7)))))))
    pk.append(m(msg(0,b'public',pdu(0,10,5,2,vbl(vb(sys_descr,i(1)),vb(sys_descr,tlv(4,b'x')))))))
    pk.append(m(msg(1,b'public',pdu(5,11,0,10,vbl(vb(oid(1,3,6,1,2,1,2,2),NULL))))))
    pk.append(m(msg(1,b'public',pdu(5,12,3,-1,vbl(vb(oid(1,3,6,1,2,1,2,2),NULL))))))
    trapbody=lambda ent,ag,g,sp,ts,vbs: tlv(0xa4,ent+ag+i(g)+i(sp)+ts+vbs)
    up=oid(1,3,6,1,4,1,8072,3,2,10)
    pk.append(m(msg(0,b'public',trapbody(up,u(0xc0a80001,0x40,4),0,0,u(100,0x43),vbl())),dp=162))
    pk.append(m(msg(0,b'public',trapbody(up,u(0xc0a80001,0x40,4),2,0,u(100,0x43),vbl(vb(oid(1,3,6,1,2,1,2,2,1,1,3),i(3))))),dp=162))
    pk.append(m(msg(0,b'traps',trapbody(up,u(0xc0a80001,0x40,4),6,17,u(5000,0x43),vbl(vb(oid(1,3,6,1,4,1,8072,2,3,2,1),i(99))))),dp=162))
    pk.append(m(msg(0,b'public',trapbody(up,u(0xc0a80001,0x40,4),9,4,u(1,0x43),vbl())),dp=162))
    pk.append(m(msg(0,b'public',trapbody(up,u(0xc0a80001,0x40,4),3,4,u(1,0x43),vbl())),dp=162))
    pk.append(m(msg(0,b'public',trapbody(up,u(0xc0a80001,0x40,4),-1,0,u(1,0x43),vbl())),dp=162))
    pk.append(m(msg(0,b'public',trapbody(i(1),u(1,0x40,4),0,0,u(1,0x43),vbl())),dp=162))
    pk.append(m(msg(0,b'public',trapbody(up,i(1),0,0,u(1,0x43),vbl())),dp=162))
    pk.append(m(msg(0,b'public',trapbody(up,u(1,0x40,4),tlv(4,b''),0,u(1,0x43),vbl()) if False else trapbody(up,u(1,0x40,4),0,0,i(5),vbl())),dp=162))
    pk.append(m(msg(0,b'public',trapbody(up,tlv(0x40,b'\x01\x02'),0,0,u(1,0x43),vbl())),dp=162))
    v2trap=vbl(vb(oid(1,3,6,1,2,1,1,3,0),u(12345,0x43)),vb(oid(1,3,6,1,6,3,1,1,4,1,0),oid(1,3,6,1,6,3,1,1,5,1)))
    pk.append(m(msg(1,b'public',pdu(7,13,0,0,v2trap)),dp=162))
    pk.append(m(msg(1,b'public',pdu(6,14,0,0,v2trap)),dp=162))
    pk.append(m(msg(1,b'public',pdu(2,14,0,0,v2trap)),sp=162,dp=40000))
    pk.append(m(msg(1,b'public',pdu(8,15,0,0,vbl(vb(oid(1,3,6,1,6,3,15,1,1,4,0),u(3,0x41)))))))
    pk.append(m(msg(1,b'public',pdu(7,16,1,1,v2trap)),dp=162))
    pk.append(m(msg(0,b'public',pdu(7,17,0,0,v2trap)),dp=162))
    pk.append(m(msg(0,b'public',pdu(5,17,0,0,vbl()))))
    pk.append(m(msg(1,b'public',trapbody(up,u(1,0x40,4),0,0,u(1,0x43),vbl())),dp=162))
    # malformed BER
    pk.append(m(b''))
    pk.append(m(tlv(0x02,b'\x01')))
    pk.append(m(msg(0,b'public',pdu(0,1,0,0,vbl(vb(sys_descr,NULL))),extra=b'\x00\x00\x00')))
    pk.append(m(tlv(0x30,i(0)+tlv(4,b'public')+pdu(0,1,0,0,vbl(vb(sys_descr,NULL)))+b'\x05\x00')))
    pk.append(m(tlv(0x30,i(0)+tlv(4,b'public')+tlv(0xa0,i(1)+i(0)+i(0)+vbl(vb(sys_descr,NULL))+b'\x05\x00'))))
    pk.append(m(tlv(0x30,i(5)+tlv(4,b'public'))))
    pk.append(m(tlv(0x30,i(-1)+tlv(4,b'public'))))
    pk.append(m(tlv(0x30,tlv(4,b'1')+tlv(4,b'public'))))
    pk.append(m(tlv(0x30,i(0)+i(3))))
    pk.append(m(tlv(0x30,i(0)+tlv(4,b'public')+i(3))))
    pk.append(m(tlv(0x30,i(0)+tlv(4,b'public')+tlv(0xa0,tlv(4,b'x')))))
    pk.append(m(tlv(0x30,i(0)+tlv(4,b'public')+tlv(0xa0,i(1)+NULL))))
    pk.append(m(tlv(0x30,i(0)+tlv(4,b'public')+tlv(0xa0,i(1)+i(0)+NULL))))
    pk.append(m(tlv(0x30,i(0)+tlv(4,b'public')+tlv(0xa0,i(1)+i(0)+i(0)+NULL))))
    pk.append(m(tlv(0x30,i(0)+tlv(4,b'public')+tlv(0xa0,i(1)+i(0)+i(0)+vbl(NULL)))))
    pk.append(m(tlv(0x30,i(0)+tlv(4,b'public')+tlv(0xa0,i(1)+i(0)+i(0)+vbl(vb(i(1),NULL))))))
    pk.append(m(tlv(0x30,i(0)+tlv(4,b'public')+tlv(0xa0,i(1)+i(0)+i(0)+vbl(vb(sys_descr,b''))))))
    pk.append(m(tlv(0x30,i(0)+tlv(4,b'public')+tlv(0xa0,i(1)+i(0)+i(0)+vbl(vb(sys_descr,NULL))+b'\x30\x00'))))
    pk.append(m(tlv(0x30,i(0)+tlv(4,b'public')+tlv(0xa0,i(1)+i(0)+i(0)+tlv(0x30,vb(sys_descr,NULL)+b'\x30')))))
    pk.append(m(tlv(0x30,tlv(0x02,b''))))
    pk.append(m(tlv(0x30,b'\x02\x85\x00\x00\x00\x00\x01\x00')))
    pk.append(m(tlv(0x30,b'\x02\x84\x00\x00')))
    pk.append(m(tlv(0x30,b'\x02\x09\x00')))
    pk.append(m(tlv(0x30,b'\x02')))
    pk.append(m(tlv(0x30,b'\x1f')))
    pk.append(m(tlv(0x30,b'\x1f\x81')))
    pk.append(m(tlv(0x30,b'\x1f\x81\x82')))
    pk.append(m(tlv(0x30,b'\x1f\x02\x01\x00'+tlv(4,b'public'))))
    pk.append(m(tlv(0x30,b'\x1f\x81\x00\x01\x00')))
    pk.append(m(tlv(0x30,b'\x14\x01\x00')))
    pk.append(m(tlv(0x30,b'\x34\x01\x00')))
    pk.append(m(tlv(0x30,b'\x47\x01\x00')))
    pk.append(m(tlv(0x30,b'\x89\x01\x00')))
    pk.append(m(tlv(0x30,b'\xc1\x01\x00')))
    pk.append(m(tlv(0x30,b'\xe1\x01\x00')))
    pk.append(m(tlv(0x30,i(0)+tlv(4,b'public')+tlv(0xa9,b''))))
    pk.append(m(tlv(0x30,i(0)+tlv(4,b'public')+tlv(0xa3,b''))))
    pk.append(m(tlv(0x30,i(0)+tlv(4,b'public',lf=b'\x81\x06'))))
    pk.append(m(tlv(0x30,i(0)+tlv(4,b'public'),lf=b'\x82\x00\x0b')))
    pk.append(m(tlv(0x30,i(0)+tlv(4,b'public'),lf=b'\x80')))
    pk.append(m(tlv(0x30,i(1)+tlv(4,b'public')+pdu(1,2**31-1,0,0,vbl(vb(tlv(6,b''),NULL),vb(tlv(6,b'\x2b\x86'),NULL),vb(tlv(6,b'\xff\xff\xff\xff\x7f'),NULL),vb(tlv(6,b'\x8f\xff\xff\xff\x7f\x01'),NULL),vb(tlv(6,b'\x81\x00'),NULL),vb(tlv(6,b'\x50'),NULL))))))
    # SNMPv3
    def v3(flags,model,usmp,scoped,hdr_extra=b''):
        hdr=tlv(0x30,i(7)+i(65507)+tlv(4,bytes([flags]) if isinstance(flags,int) else flags)+i(model)+hdr_extra)
        return tlv(0x30,i(3)+hdr+tlv(4,usmp)+scoped)
    usm_ok=tlv(0x30,tlv(4,b'\x80\x00\x1f\x88\x80')+i(5)+i(1234)+tlv(4,b'admin')+tlv(4,b'\x01'*12)+tlv(4,b''))
    scoped=tlv(0x30,tlv(4,b'\x80\x00\x1f\x88\x80')+tlv(4,b'')+pdu(0,21,0,0,vbl(vb(sys_descr,NULL))))
    pk.append(m(v3(4,3,tlv(0x30,tlv(4,b'')+i(0)+i(0)+tlv(4,b'')+tlv(4,b'')+tlv(4,b'')),tlv(0x30,tlv(4,b'')+tlv(4,b'')+pdu(0,20,0,0,vbl())))))
    pk.append(m(v3(5,3,usm_ok,scoped)))
    pk.append(m(v3(3,3,usm_ok,tlv(0x30,tlv(4,b'\x80\x00\x1f\x88\x80')+tlv(4,b'ctx')+pdu(8,22,0,0,vbl(vb(oid(1,3,6,1,6,3,15,1,1,4,0),u(1,0x41))))))))
    pk.append(m(v3(7,3,usm_ok,tlv(4,b'\x11'*24))))
    pk.append(m(v3(2,3,usm_ok,scoped)))
    pk.append(m(v3(b'\x04\x00',3,usm_ok,scoped)))
    pk.append(m(v3(4,2,usm_ok,scoped)))
    pk.append(m(v3(4,3,usm_ok,scoped,hdr_extra=NULL)))
    pk.append(m(v3(4,3,tlv(0x30,tlv(4,b'')+i(0)+i(0)+tlv(4,b'')+tlv(4,b'')+tlv(4,b'')+NULL),scoped)))
    pk.append(m(v3(4,3,tlv(0x30,tlv(4,b'')+i(0)),scoped)))
    pk.append(m(v3(4,3,i(5),scoped)))
    pk.append(m(tlv(0x30,i(3)+i(1))))
    pk.append(m(tlv(0x30,i(3)+tlv(0x30,i(7)+i(1)+tlv(4,b'\x04')))))
    pk.append(m(tlv(0x30,i(2)+tlv(4,b'public'))))
    # over IPv6, and captures cut short
    a6=[0xfd,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1];b6=a6[:15]+[2]
    good=msg(1,b'community',pdu(2,30,0,0,vbl(vb(sys_descr,tlv(4,b'Linux')),vb(oid(1,3,6,1,2,1,1,3,0),u(99,0x43)))))
    pk.append(udp6(a6,b6,161,40001,good))
    pk.append(udp6(a6,b6,40001,162,msg(1,b'public',pdu(7,31,0,0,v2trap))))
    f=m(good)
    for cut in (42,43,44,48,57,60,70,len(f)-3,len(f)-1):
        pk.append((f[:cut],len(f)))
    # the TLS ports tcpdump 4.99.3 does not decode
    pk.append(m(good,dp=10161))
    pk.append(m(good,dp=10162))
    write(path, pk)


def sctp(path):
    """SCTP over IPv4 and IPv6: every chunk type 4.99.3 names (and unknown
    ones), DATA flags and payload protocols, INIT/INIT ACK with parameters,
    SACK with gap blocks and duplicate TSNs, bad and cut chunks."""
    def crc32c(b):
        c=0xffffffff
        for x in b:
            c^=x
            for _ in range(8): c=(c>>1)^(0x82f63b78 if c&1 else 0)
        return c^0xffffffff
    def chunk(t,flags,body,length=None,pad=True):
        ln=4+len(body) if length is None else length
        c=struct.pack('!BBH',t,flags,ln)+body
        return c+(b'\0'*((-len(c))%4) if pad else b'')
    def pkt(chunks,sp=5000,dp=6000,tag=0x11223344):
        h=struct.pack('!HHII',sp,dp,tag,0)+b''.join(chunks)
        return h[:8]+struct.pack('<I',crc32c(h))+h[12:]
    s=[10,0,0,1];d=[10,0,0,2]
    a6=[0xfd,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1];b6=a6[:15]+[2]
    v4=lambda b: eth(ipv4(s,d,132,b))
    v6=lambda b: eth(ip6hdr(a6,b6,132,b),et=0x86dd)
    init=lambda t: chunk(t,0,struct.pack('!IIHHI',0xdeadbeef,106496,10,65535,12345)+struct.pack('!HHI',5,8,0x0a000001)+struct.pack('!HH',0x8000,4)+struct.pack('!HHHH',0xc000,6,0x8002,0))
    data=lambda fl,tsn,sid,ssn,ppid,pl: chunk(0,fl,struct.pack('!IHHI',tsn,sid,ssn,ppid)+pl)
    pk=[]
    pk.append(v4(pkt([init(1)],tag=0)))
    pk.append(v4(pkt([init(2)+chunk(7,0,b'\x00'*4)],sp=6000,dp=5000)))
    pk.append(v4(pkt([chunk(10,0,b'cookie-bytes-123')])))
    pk.append(v4(pkt([chunk(11,0,b'')],sp=6000,dp=5000)))
    pk.append(v4(pkt([data(3,12345,0,0,0,b'hello, sctp\n')])))
    pk.append(v4(pkt([data(3,12346,1,1,46,b'x'*20),data(2,12347,2,2,5,b'\x01\x00\x01\x01'),data(0,12348,2,2,5,b'\x01'),data(1,12349,2,2,5,b'\x02\x03\x04'),data(4,12350,3,0,18,b'ab'),data(7,12351,3,0,26,b'abc'),data(3,12352,3,0,27,b'abcd'),data(3,12353,3,0,0xffffffff,b'z')])))
    for ppid in [p for p in range(0,30) if p not in (3,21,22,23)]:
        pk.append(v4(pkt([data(3,ppid,0,0,ppid,b'p')])))
    pk.append(v4(pkt([chunk(3,0,struct.pack('!IIHH',12345,106496,0,0))],sp=6000,dp=5000)))
    pk.append(v4(pkt([chunk(3,0,struct.pack('!IIHH',0xfffffff0,65536,3,2)+struct.pack('!HHHHHH',2,4,6,8,30,31)+struct.pack('!II',100,0xffffffff))],sp=6000,dp=5000)))
    pk.append(v4(pkt([chunk(3,0,struct.pack('!IIHH',1,2,5,0)+struct.pack('!HH',2,4))],sp=6000,dp=5000)))
    pk.append(v4(pkt([chunk(3,0,struct.pack('!IIHH',1,2,0,3)+struct.pack('!I',9))],sp=6000,dp=5000)))
    pk.append(v4(pkt([chunk(3,0,struct.pack('!IIHH',1,2,1,1)+b'\0\1\0\2\0\0')],sp=6000,dp=5000)))
    pk.append(v4(pkt([chunk(4,0,struct.pack('!HH',1,12)+b'hb-info!'),chunk(5,0,struct.pack('!HH',1,12)+b'hb-info!')])))
    pk.append(v4(pkt([chunk(6,1,struct.pack('!HH',3,8)+b'\0\0\0\0')])))
    pk.append(v4(pkt([chunk(7,0,struct.pack('!I',12353)),chunk(8,0,b''),chunk(14,1,b'')])))
    pk.append(v4(pkt([chunk(9,0,struct.pack('!HH',1,8)+b'\0\1\0\0'),chunk(12,0,struct.pack('!I',5)),chunk(13,0,struct.pack('!I',5))])))
    pk.append(v4(pkt([chunk(t,0,b'\1\2\3\4') for t in (0xc0,0xc1,0xc2,0xc3,0x0f,0x40,0x80,0x81,0x82,0xff)])))
    pk.append(v4(pkt([chunk(t,0,b'') for t in range(0x0f,0x16)])))
    # malformed
    pk.append(v4(struct.pack('!HHI',5000,6000,1)))
    pk.append(v4(pkt([])))
    pk.append(v4(pkt([b'\x00\x03'])))
    pk.append(v4(pkt([chunk(1,0,b'',length=3)])))
    pk.append(v4(pkt([chunk(1,0,b'\0'*12)])))
    pk.append(v4(pkt([chunk(2,0,b'\0'*15,pad=True)])))
    pk.append(v4(pkt([chunk(0,3,b'\0'*8)])))
    pk.append(v4(pkt([chunk(0,3,b'\0'*12)])))
    pk.append(v4(pkt([chunk(3,0,b'\0'*8)])))
    pk.append(v4(pkt([chunk(3,0,struct.pack('!IIHH',1,2,2,0)+b'\0\1\0\2\0\3')])))
    pk.append(v4(pkt([chunk(3,0,struct.pack('!IIHH',1,2,0,2)+b'\0\0\0\1\0\0')])))
    pk.append(v4(pkt([chunk(11,0,b'',length=5,pad=False)])))
    pk.append(v4(pkt([chunk(11,0,b'\1',pad=False)])))
    pk.append(v4(pkt([chunk(11,0,b'',length=40)])))
    pk.append(v4(pkt([chunk(10,0,b'ab',pad=False),chunk(11,0,b'')])))
    pk.append(v4(pkt([chunk(11,0,b'')],sp=6704,dp=5000)))
    pk.append(v4(pkt([chunk(11,0,b'')],sp=5000,dp=6706)))
    # M3UA payloads (decoded from -vv on)
    def m3(cls,typ,params,v=1,ln=None):
        body=b''.join(params)
        return struct.pack('!BBBBI',v,0,cls,typ,8+len(body) if ln is None else ln)+body
    def prm(tag,val):
        p=struct.pack('!HH',tag,4+len(val))+val
        return p+b'\0'*((-len(p))%4)
    m3s=[m3(3,1,[prm(0x11,b'\0\0\0\1'),prm(4,b'asp-1')]),m3(3,4,[]),m3(4,1,[prm(0x0b,b'\0\0\0\1'),prm(6,b'\0\0\0\x2a')]),
         m3(1,1,[prm(0x200,b'\0\0\0\x07'),prm(6,b'\0\0\0\1'),prm(0x210,b'\0\0\0\1\0\0\0\2\3\2\0\5abc'),prm(0x13,b'\1\2\3\4')]),
         m3(0,0,[prm(0x0c,b'\0\0\0\1'),prm(7,b'diag')]),m3(0,1,[prm(0x0d,b'\0\1\0\2')]),m3(2,1,[prm(0x12,b'\0\0\0\x10')]),
         m3(2,9,[]),m3(9,1,[prm(0x207,b'x'*8)]),m3(5,1,[]),m3(3,6,[prm(0x9999,b'zz'),prm(9,b'')]),
         m3(1,1,[prm(0x13,b'\1\2')]),m3(1,1,[],ln=99),m3(1,1,[],v=2),b'\1\0\3\1',m3(3,1,[struct.pack('!HH',4,2)]),
         m3(3,1,[b'\0\4'])]
    for i,m in enumerate(m3s):
        pk.append(v4(pkt([data(3,100+i,0,i,3,m)])))
    # over IPv6
    pk.append(v6(pkt([init(1)],tag=0)))
    pk.append(v6(pkt([data(3,7,0,0,0,b'over ipv6'),chunk(3,0,struct.pack('!IIHH',6,1000,1,1)+struct.pack('!HHI',2,3,4))])))
    pk.append(v6(pkt([chunk(7,0,struct.pack('!I',7)),chunk(8,0,b''),chunk(14,0,b'')])))
    # cut captures
    f=v4(pkt([data(3,1,0,0,0,b'abcdefgh'),chunk(3,0,struct.pack('!IIHH',1,2,1,1)+b'\0\1\0\2\0\0\0\5')]))
    for cut in (34,40,46,47,50,58,66,70,80,len(f)-1):
        pk.append((f[:cut],len(f)))
    write(path, pk)


def lldp(path):
    """LLDP: chassis and port ids of every subtype, TTL, names and
    descriptions, capabilities, management addresses, IEEE 802.1 and 802.3
    TLVs, IANA MUD-URL, an unknown OUI and TLV type, short and cut TLVs."""
    def tlv(t,v,ln=None): return struct.pack('!H',(t<<9)|(len(v) if ln is None else ln))+v
    def oui(o,sub,v): return tlv(127,o+bytes([sub])+v)
    dst=b'\x01\x80\xc2\x00\x00\x0e';src=b'\x02\0\0\0\0\x01'
    def frame(tlvs,pad=True):
        b=b''.join(tlvs)
        if pad: b=b.ljust(46,b'\0')
        return eth(b,et=0x88cc,src=src,dst=dst)
    mac=b'\x02\0\0\0\0\x01'
    end=tlv(0,b'')
    i8021=b'\x00\x80\xc2';i8023=b'\x00\x12\x0f'
    pk=[]
    pk.append(frame([tlv(1,b'\x04'+mac),tlv(2,b'\x05eth0'),tlv(3,b'\x00\x78'),tlv(4,b'uplink port'),tlv(5,b'switch-1'),
        tlv(6,b'Debian GNU/Linux 12 (bookworm) Linux 6.1.0'),tlv(7,b'\x00\x14\x00\x10'),
        tlv(8,b'\x05\x01\x0a\x00\x00\x01\x02\x00\x00\x00\x03\x00'),
        tlv(8,b'\x11\x02'+bytes.fromhex('fd000000000000000000000000000001')+b'\x03\x00\x00\x00\x07\x04\x2b\x06\x01\x02'),
        oui(i8021,1,b'\x00\x0a'),oui(i8021,2,b'\x06\x00\x14'),oui(i8021,3,b'\x00\x0a\x05vlan10'),oui(i8021,4,b'\x04\x88\x8e\x01\x00'),
        oui(i8023,1,b'\x03\x6c\x01\x00\x10'),oui(i8023,2,b'\x07\x01\x03'),oui(i8023,3,b'\x03\x00\x00\x00\x05'),oui(i8023,4,b'\x05\xee'),
        end]))
    for st,v in [(1,b'chassis-comp'),(2,b'alias'),(3,b'port-comp'),(4,mac),(5,b'\x01\xc0\xa8\x01\x01'),(5,b'\x02'+bytes(16)),(5,b'\x06'+mac),(5,b'\x0c\x01\x02'),(5,b'\x01\x01'),(6,b'eth1'),(7,b'local\0xx'),(8,b'odd'),(0,b'zero')]:
        pk.append(frame([tlv(1,bytes([st])+v),tlv(2,b'\x03'+mac),tlv(3,b'\x00\x10'),end]))
    for st,v in [(1,b'alias'),(2,b'pc'),(3,mac),(4,b'\x01\x0a\x00\x00\x02'),(5,b'eth0'),(6,b'circuit'),(7,b'loc'),(9,b'nine'),(3,b'\x02\x00')]:
        pk.append(frame([tlv(1,b'\x04'+mac),tlv(2,bytes([st])+v),tlv(3,b'\x00\x10'),end]))
    pk.append(frame([tlv(5,b'only-name'),tlv(7,b'\x00\xff\x00\x00'),tlv(7,b'\x00\x04'),end]))
    pk.append(frame([tlv(3,b'\x00'),end]))
    pk.append(frame([tlv(1,b'\x04'),end]))
    pk.append(frame([oui(i8021,1,b'\x00'),end]))
    pk.append(frame([oui(i8021,3,b'\x00\x0a\x09vl'),oui(i8021,4,b'\x09'),oui(i8021,2,b'\x00'),oui(i8021,99,b'\x01\x02'),end]))
    pk.append(frame([oui(i8023,1,b'\x00\x00'),oui(i8023,9,b'zz'),oui(i8023,2,b'\x0f\x09\x09'),oui(i8023,4,b'\x01'),end]))
    pk.append(frame([oui(b'\x00\x00\x5e',1,b'https://example.org/mud'),oui(b'\x00\x00\x5e',2,b'abcd'),oui(b'\x00\x00\x5e',1,b'ab'),end]))
    pk.append(frame([oui(b'\xaa\xbb\xcc',1,b'data'),tlv(127,b'\x00\x80'),tlv(42,b'unknown type'),tlv(9,b''),tlv(5,b'after'),end]))
    pk.append(frame([tlv(8,b'\x05\x01\x0a\x00\x00\x01\x02\x00\x00\x00'),end]))
    pk.append(frame([tlv(8,b'\x09\x01\x0a\x00\x00\x01'),end]))
    pk.append(frame([tlv(8,b'\x02\x01\x0a\x02\x00\x00\x00\x03\x00'),end]))
    pk.append(frame([tlv(8,b'\x07\x06'+mac+b'\x02\x00\x00\x00\x03\x09ab'),end]))
    pk.append(frame([tlv(8,b'\x03\x10\x01\x02\x07\x00\x00\x00\x03\x00'),end]))
    pk.append(frame([tlv(5,b'nul\0padded'),tlv(4,b'\x01\x7f\xc8ctl'),end]))
    pk.append(frame([tlv(5,b'long'),tlv(6,b'x'*10,ln=200)],pad=False))
    pk.append(frame([tlv(5,b'x')],pad=False)[:15])
    pk.append(frame([tlv(5,b'no end')],pad=False))
    full=frame([tlv(1,b'\x04'+mac),tlv(2,b'\x05eth0'),tlv(3,b'\x00\x78'),tlv(5,b'cut-here-name'),oui(i8023,1,b'\x03\x6c\x01\x00\x10'),end])
    for cut in (15,16,20,24,30,40,50):
        pk.append((full[:cut],len(full)))
    write(path, pk)


def inner_cut(path):
    """VXLAN and Geneve frames captured short inside the inner Ethernet
    header (tcpdump ends them in [|ether])."""
    s=[192,168,50,1];d=[192,168,50,2]
    inner=eth(ipv4([10,42,0,1],[10,42,0,2],1,bytes([8,0,0xf7,0xff,0,0,0,0])),src=b'\x02\0\0\0\xaa\x01',dst=b'\x02\0\0\0\xbb\x01')
    pk=[]
    for f in (udp4(s,d,40000,4789,bytes([8,0,0,0,0,0,42,0])+inner),
              udp4(s,d,40000,6081,bytes([0,0,0x65,0x58,0,0,42,0])+inner)):
        for cut in (50,51,56,63,64):
            pk.append((f[:cut],len(f)))
    write(path, pk)


def ipsec_ext(path):
    """IPsec beside IPv6 extension headers (hop-by-hop before AH, destination
    options after it, ESP in first and later fragments), AH lengths 0, 1 and
    255, IPv4 fragments, ESP in IP-in-IP and IPv6-in-AH, and RFC 3948 UDP
    port 4500: ESP in UDP (IPv4, IPv6, cut short), NAT keep-alives, payloads
    under 4 bytes; IPComp over IPv4, IPv6 and AH, short and cut."""
    s=[192,168,90,1];d=[192,168,90,2]
    a6=bytes.fromhex('fd000000000000000000000000000001');b6=bytes.fromhex('fd000000000000000000000000000002')
    def esp(spi,seq,n=24): return struct.pack('!II',spi,seq)+bytes(range(n))
    def ah(nh,spi,seq,icv=bytes(range(0x10,0x1c)),alen=None):
        return struct.pack('!BBHII',nh,(12+len(icv))//4-2 if alen is None else alen,0,spi,seq)+icv
    def v6(payload,nh,cut=None):
        f=eth(ip6hdr(a6,b6,nh,payload),et=0x86dd)
        return (f[:cut],len(f)) if cut else f
    def v4(proto,payload,frag=0):
        ip=bytearray(ipv4(s,d,proto,payload));ip[6:8]=struct.pack('!H',frag)
        ip[10:12]=b'\0\0';ip[10:12]=struct.pack('!H',csum(bytes(ip[:20])))
        return eth(bytes(ip))
    icmp=bytes([8,0,0xf7,0xfe,0,1,0,0]);icmp6=bytes([128,0,0,0,0,1,0,1])
    pk=[]
    pk.append(v6(bytes([51,0,1,4,0,0,0,0])+ah(60,0x4004,3)+bytes([58,0,1,4,0,0,0,0])+icmp6,0))
    pk.append(v6(bytes([50,0,0,1,0,0,0,7])+esp(0x5005,1),44))
    pk.append(v6(bytes([50,0,0,0x11,0,0,0,7])+esp(0x5005,1),44))
    pk.append(v6(ah(50,0x4004,4)+esp(0x5005,2),51))
    pk.append(v6(ah(6,0x4004,4,icv=b'',alen=0),51))
    pk.append(v6(ah(6,0x4004,4,alen=255),51))
    pk.append(v6(ah(6,0x4004,4,alen=1,icv=b''),51))
    pk.append(v6(ah(41,0x4004,5)+ip6hdr(a6,b6,50,esp(1,2)),51))
    pk.append(v4(50,esp(0x7007,1),frag=0x2000))
    pk.append(v4(50,esp(0x7007,1),frag=0x0010))
    pk.append(v4(51,ah(1,0x7007,1)+icmp,frag=0x0010))
    pk.append(eth(ipv4(s,d,50,esp(0x1001,3,1))))
    pk.append(eth(ipv4(s,d,4,ipv4([10,0,0,1],[10,0,0,2],50,esp(0x8008,1)))))
    pk.append(udp4(s,d,4500,4500,esp(0x6006,1)))
    pk.append(udp4(s,d,40000,4500,esp(0x6006,2,0)))
    pk.append(udp4(s,d,4500,40000,b'\xff'))
    pk.append(udp4(s,d,4500,4500,b'\xfe'))
    pk.append(udp4(s,d,4500,4500,b'\0\0'))
    pk.append(udp4(s,d,4500,4500,b''))
    pk.append(udp4(s,d,4500,161,esp(0x6006,3)))
    f=udp4(s,d,4500,4500,esp(0x6006,4));pk.append((f[:14+20+8+2],len(f)))
    pk.append((f[:14+20+8+8],len(f)))
    pk.append((f[:14+20+8+9],len(f)))
    f=udp4(s,d,4500,4500,b'\xff');pk.append((f[:14+20+8],len(f)))
    pk.append(udp6(a6,b6,4500,4500,esp(0x9009,1)))
    pk.append(udp6(a6,b6,4500,4500,b'\xff'))
    for n in (0,3,4,12):
        pk.append(eth(ipv4(s,d,108,(bytes([4,0,0x12,0x34])+bytes(8))[:n])))
    f=eth(ipv4(s,d,108,bytes([4,0,0x12,0x34])+bytes(16)));pk.append((f[:14+20+3],len(f)))
    pk.append(v4(108,bytes([4,0,0x12,0x34])+bytes(8),frag=0x0010))
    pk.append(v6(bytes([41,0,0xab,0xcd])+bytes(8),108))
    pk.append(eth(ipv4(s,d,51,ah(108,0x2002,12)+bytes([4,0,0x56,0x78])+bytes(8))))
    write(path, pk)


def lldp_med(path):
    """LLDP organisation TLVs beyond the basic set: IEEE 802.1 subtypes 7-14
    (link aggregation, congestion notification, ETS, PFC, application
    priority, EVB, CDCP),
    TIA LLDP-MED (capabilities, network policy, the three location formats
    and an unknown one, extended power, inventory), DCBX rev 1 and 1.01
    (control, priority groups, PFC, application, unknown sub-TLVs), each at
    its exact length and one byte short, with odd table lengths."""
    def tlv(t,v,ln=None): return struct.pack('!H',(t<<9)|(len(v) if ln is None else ln))+v
    def oui(o,sub,v): return tlv(127,o+bytes([sub])+v)
    dst=b'\x01\x80\xc2\x00\x00\x0e';src=b'\x02\0\0\0\0\x01'
    mac=b'\x02\0\0\0\0\x01'
    head=[tlv(1,b'\x04'+mac),tlv(2,b'\x05eth0'),tlv(3,b'\x00\x78')]
    end=tlv(0,b'')
    def frame(tlvs): return eth(b''.join(head+tlvs+[end]).ljust(46,b'\0'),et=0x88cc,src=src,dst=dst)
    i8021=b'\x00\x80\xc2';tia=b'\x00\x12\xbb';dcbx=b'\x00\x1b\x21'
    pk=[]
    ets=bytes([0x01,0x23,0x45,0x67])+bytes([10,20,30,40,0,0,0,0])+bytes([2,2,0,0,1,1,0,255])
    pk.append(frame([oui(i8021,8,b'\xa5\x0f'),oui(i8021,8,b'\xa5'),oui(i8021,9,b'\xcb'+ets),oui(i8021,9,b'\x7f'+ets[:-1]),
        oui(i8021,10,b'\x00'+ets),oui(i8021,10,b'\x00'+ets[:-1])]))
    pk.append(frame([oui(i8021,11,b'\xd8\x81'),oui(i8021,11,b'\xff\x7e'),oui(i8021,11,b'\xd8'),
        oui(i8021,12,b'\x00'),oui(i8021,12,b'\x05'+b'\x61\x89\x06'+b'\xfc\x0c\xbc'),oui(i8021,12,b'\x00\x61\x89'+b'\x01\x02\x03\x04'),oui(i8021,12,b'\x00\x61')]))
    pk.append(frame([oui(i8021,13,b'\xff\xff\xfe\x4a\xff'),oui(i8021,13,b'\x05\x0b\x21\xa3\x65'),oui(i8021,13,b'\x05\x0b\x21\xa3'),
        oui(i8021,14,b'\xf8\x00\x0f\xff'),oui(i8021,14,b'\x88\x00\x00\x05'+b'\x00\x10\x0a'+b'\xff\xff\xff'),oui(i8021,14,b'\x88\x00\x00\x05\x01\x02'),
        oui(i8021,14,b'\x88\x00\x00'),oui(i8021,5,b'x'),oui(i8021,15,b'y')]))
    pk.append(frame([oui(tia,1,b'\x00\x33\x03'),oui(tia,1,b'\xff\xc0\x09'),oui(tia,1,b'\x00\x01'),
        oui(tia,2,b'\x01\x40\x14\xb8\x2e'[:4]),oui(tia,2,b'\x09\xff\xff\xff'),oui(tia,2,b'\x02\x00\x00'),
        oui(tia,4,b'\x51\x00\x78'),oui(tia,4,b'\x6e\x03\xff'),oui(tia,4,b'\x80\x04\x00'),oui(tia,4,b'\x0f\xff\xff'),oui(tia,4,b'\x00\x00\x05'),oui(tia,4,b'\x00\x00')]))
    coord=bytes([1, 0x49,0x12,0x34,0x56,0x78, 0x8b,0xfe,0xdc,0xba,0x98, 0x12,0x40,0x00,0x01,0x23, 0x01])
    civic=bytes([2])+bytes([15,2])+b'DE'+bytes([1,2])+b'BY'+bytes([3,6])+b'Munich'
    pk.append(frame([oui(tia,3,coord),oui(tia,3,coord[:-1]),oui(tia,3,bytes([1,0xff,0xff,0xff,0xff,0xff,0xff,0xff,0xff,0xff,0xff,0x3f,0xff,0xff,0xff,0xff,0x07])),
        oui(tia,3,civic),oui(tia,3,civic+b'\0'),oui(tia,3,bytes([2,2,0,b'U'[0]])),oui(tia,3,bytes([2,5,9])+b'US'+bytes([0,3])+b'abc'),oui(tia,3,bytes([2,7,1])+b'US'+bytes([6,0,7,1])+b'x')]))
    pk.append(frame([oui(tia,3,bytes([2,6,1])+b'US'+bytes([6,9])+b'x'),oui(tia,3,bytes([2,4,1])+b'US'+bytes([6])),oui(tia,3,bytes([2,9,1])+b'U'),
        oui(tia,3,bytes([3])+b'5551234567'),oui(tia,3,bytes([4])+b'\x01\x02\x03'),oui(tia,3,bytes([0])),oui(tia,3,b'')]))
    pk.append(frame([oui(tia,n,b'rev-'+bytes([0x40+n])) for n in range(5,12)]+[oui(tia,9,b'nul\0after'),oui(tia,12,b'\x01\x02'),tlv(127,tia)]))
    ctl=bytes([0x01,0x02,0x00,0x00,0x00,0x2a,0x00,0x00,0x00,0x29])
    pg=bytes([0,0,0xe0,0,0x01,0x23,0x45,0x67,12,13,25,50,0,0,0,0,8])
    pfc=bytes([0,0,0xa0,0,0x89,8])
    app=bytes([0,0,0x80,0])+bytes([0x89,0x06,0x00,0x1b,0x21,0x08])+bytes([0x0c,0xbc,0x40,0x00,0x00,0x10])
    def sub(t,v,ln=None): return tlv(t,v,ln)
    pk.append(frame([oui(dcbx,2,sub(1,ctl)+sub(2,pg)+sub(3,pfc)+sub(4,app)+sub(4,app[:4]))]))
    pk.append(frame([oui(dcbx,2,sub(1,ctl)+sub(9,b'unknown')),oui(dcbx,2,sub(9,b'unk')+sub(1,ctl)),oui(dcbx,1,b'\x01\x02\x03'),oui(dcbx,3,sub(1,ctl))]))
    pk.append(frame([oui(dcbx,2,sub(1,ctl[:9])+sub(2,pg)),oui(dcbx,2,sub(2,pg[:16])),oui(dcbx,2,sub(3,pfc[:5])),oui(dcbx,2,sub(4,app[:3])),
        oui(dcbx,2,sub(1,ctl,ln=40)),oui(dcbx,2,sub(0,b'zz')+sub(1,ctl)),oui(dcbx,2,b'\x02'),oui(dcbx,2,b''),tlv(127,dcbx)]))
    pk.append(frame([oui(dcbx,2,sub(4,bytes([0,0,0,0])+bytes(range(6))*43))]))
    pk.append(frame([oui(dcbx,2,sub(4,bytes([0,0,0xff,7])+bytes(range(6))*2+b'abc'))]))
    pk.append(frame([oui(i8021,7,b'\x03\x00\x00\x00\x05'),oui(i8021,7,b'\x01\x80\x00\x00'),oui(i8021,7,b'\x02\xff\xff\xff\xffxy')]))
    write(path, pk)


def snmp_names(path):
    """SNMP OIDs as tcpdump names them without -n (its built-in tree):
    every node of nsbox's table (applets/tcpdump/print/snmp_mib.cpp), the
    sub-identifiers next to each node's children, every abbreviated prefix
    and the whole path from .iso, roots 0 and 2, sub-identifiers of 256 and
    more, non-minimal encodings (no abbreviation then), short OIDs, and
    captures cut inside an OID. Then random OIDs near the tree."""
    import random, re
    rnd=random.Random(7)
    here=os.path.dirname(os.path.abspath(__file__))
    table=open(os.path.join(here,'../../../applets/tcpdump/print/snmp_mib.cpp')).read()
    nodes=[tuple(map(int,m)) for m in (x.split('.') for x in re.findall(r'// \d+: ([0-9.]+)$',table,re.M))]
    def tlv(t,b):
        n=len(b)
        l=bytes([n]) if n<128 else b'\x81'+bytes([n]) if n<256 else b'\x82'+struct.pack('!H',n)
        return bytes([t])+l+b
    def b128(v,nonmin=False):
        e=[v&0x7f]; v>>=7
        while v: e.append(0x80|(v&0x7f)); v>>=7
        if nonmin: e.append(0x80)
        return bytes(reversed(e))
    def oid(p,nonmin=()):
        if len(p)==1: return bytes([p[0]*40])
        return b128(p[0]*40+p[1])+b''.join(b128(v,k+2 in nonmin) for k,v in enumerate(p[2:]))
    oids=[oid(n) for n in nodes if len(n)>1]
    kids={}
    for n in nodes: kids.setdefault(n[:-1],[]).append(n[-1])
    for par,ks in sorted(kids.items()):
        if len(par)>=1:
            for k in {0,max(ks)+1,255,256}: oids.append(oid(par+(k,)))
    for n in nodes:
        if len(n)>2: oids.append(oid(n,nonmin=range(2,len(n))))
    oids+=[bytes([0x2b]),bytes([0x2b,6]),oid((1,3,6,1,2,1)),oid((1,3,6,1,4,1)),oid((1,3,6,1,3)),oid((1,3,6,1,6,3)),
           oid((0,0)),oid((0,39,1)),oid((2,999,3)),oid((2,5,4)),oid((1,3,6,1,2,1,1,2**31-1)),b'\x2b\x06\x81',b'']
    for _ in range(300):
        p=list(rnd.choice(nodes))
        r=rnd.random()
        if r<0.4: p+=[rnd.randint(0,300) for _ in range(rnd.randint(1,3))]
        elif r<0.6 and len(p)>2: p[rnd.randrange(2,len(p))]=rnd.choice([0,255,256,rnd.randint(0,100000)])
        if len(p)<2: p.append(rnd.randint(0,39))
        oids.append(oid(tuple(p)))
    NULL=tlv(5,b'')
    pk=[]
    s=[10,0,0,1];d=[10,0,0,2]
    for k in range(0,len(oids),25):
        vbs=b''.join(tlv(0x30,tlv(6,o)+NULL) for o in oids[k:k+25])
        body=tlv(0x30,tlv(2,b'\x00')+tlv(4,b'public')+tlv(0xa0,tlv(2,b'\x01')+tlv(2,b'\x00')+tlv(2,b'\x00')+tlv(0x30,vbs)))
        pk.append(udp4(s,d,40000,161,body))
    # A trap's enterprise and a variable cut inside the abbreviated prefix.
    one=lambda o: udp4(s,d,40000,161,tlv(0x30,tlv(2,b'\x00')+tlv(4,b'public')+tlv(0xa0,tlv(2,b'\x01')+tlv(2,b'\x00')+tlv(2,b'\x00')+tlv(0x30,tlv(0x30,tlv(6,o)+NULL)))))
    f=one(oid((1,3,6,1,4,1,8072,3)))
    for cut in (len(f)-6,len(f)-5,len(f)-4,len(f)-3):
        pk.append((f[:cut],len(f)))
    write(path, pk)


def rtp(path):
    """UDP payloads for -T vat, -T rtp and -T rtcp (each row forces one type
    on all of them), one TCP segment (-T leaves its payload alone) and one
    IPv6 datagram."""
    W=lambda *ws: b''.join(struct.pack('!I',w&0xffffffff) for w in ws)
    s=[10,0,0,1];d=[10,0,0,2]
    def u(payload,cut=None):
        f=udp4(s,d,5004,5004,payload)
        return (f[:cut],len(f)) if cut else f
    pk=[]
    # vat/vt: vt (bits in 0xf060), vat with format and size, short lengths.
    pk+=[u(b'\x10\x25'+bytes(18)), u(W(0x00830007,12345)+bytes(32)), u(W(0x05000001,7)+bytes(8)),
         u(W(0x3f1f0000,0xffffffff)), u(b''), u(b'\x00'), u(b'\x00\x01\x02\x03\x04'), u(b'\x00\x00'+bytes(30),cut=42+1)]
    # RTP v2: plain; marker and payload type 0x1f (H.261 word); an extension
    # header (fits, too long); v1 with options (end bit, zero length, too
    # long); 8 to 11 bytes; cut inside the fixed header and the option walk.
    pk+=[u(W(0x80601234,1000,0xdeadbeef)+bytes(160)),
         u(W(0x809f0001,2000,7)+W(0xabcd1234)+bytes(8)),
         u(W(0x909f0002,3000,7)+W(0xbede0001,0x11223344)+W(0x55667788)+bytes(4)),
         u(W(0x90000003,3000,7)+W(0xbede0009,0)),
         u(W(0x40830005,4000,9)+W(0x00010000,0x80020000,0)+W(0x99990000)),
         u(W(0x40800006,4000,9)+W(0x00000000,0)),
         u(W(0x40800007,4000,9)+W(0x00090000)),
         u(W(0x40800008,4000,9)+W(0x00010000)),
         u(W(0x80000009,1)+b'\x01\x02'), u(W(0x8000000a,1)), u(W(0x40000000)), u(b'\x80\x00\x00'),
         u(W(0x80601234,1000,7)+bytes(20),cut=42+6), u(W(0x40830005,4000,9)+W(0x00010000,0x00020000,0)+bytes(40),cut=42+20)]
    # RTCP: a sender report with one block then SDES and BYE (compound), a
    # receiver report with two blocks, an APP packet, lengths that disagree
    # with the count, and cuts in the header, the sender info and a block.
    rb=lambda src: W(src,0x05000003,70000,12,0x00018000,0x00004000)
    sr=W(0x81c8000c,0x11111111)+W(0xe1234567,0x80000000,160000,50,8000)+rb(0x22222222)
    sdes=W(0x81ca0003,0x11111111)+b'\x01\x04host\x00\x00'
    bye=W(0x81cb0001,0x11111111)
    pk+=[u(sr+sdes+bye), u(W(0x82c9000d,0x33333333)+rb(0x44444444)+rb(0x55555555)),
         u(W(0x80cc0002,0x66666666)+b'name'), u(W(0x81c80006,1)+W(1,2,3,4,5)), u(W(0x80c90003,1)+bytes(8)),
         u(W(0x81c80006,1)+bytes(20)+bytes(4)), u(sr,cut=42+6), u(sr,cut=42+20), u(sr,cut=42+40)]
    # TCP: -T prints nothing of its payload.
    t=struct.pack('!HHIIBBHHH',5004,5004,1,0,0x50,0x18,8192,0,0)+W(0x80601234,1000,7)
    pk.append(eth(ipv4(s,d,6,t)))
    a6=bytes.fromhex('fd000000000000000000000000000001');b6=bytes.fromhex('fd000000000000000000000000000002')
    pk.append(udp6(a6,b6,5004,5005,W(0x80e00001,5,6)+bytes(8)))
    write(path, pk)


def carp(path):
    """CARP advertisements (IP protocol 112, printed as VRRP unless -T carp):
    good, a bad checksum, a hop limit not 255, version 1, type 2, cut inside
    the counter; and a UDP datagram, whose payload -T carp leaves alone."""
    def v4(payload,ttl=255):
        h=struct.pack('!BBHHHBBH4s4s',0x45,0x10,20+len(payload),0,0,ttl,112,0,bytes([10,0,0,1]),bytes([224,0,0,18]))
        return eth(h[:10]+struct.pack('!H',csum(h))+h[12:]+payload,dst=b'\x01\x00\x5e\x00\x00\x12')
    def adv(vt=0x21,vhid=3,skew=100,authlen=7,base=1,counter=0x0102030405060708,good=True):
        m=struct.pack('!BBBBBBHQ',vt,vhid,skew,authlen,0,base,0,counter)+bytes(range(20))
        cs=csum(m) if good else 0xbeef
        return m[:6]+struct.pack('!H',cs)+m[8:]
    pk=[v4(adv()), v4(adv(vhid=200,skew=0,base=5,counter=2**64-1)), v4(adv(good=False)), v4(adv(),ttl=64),
        v4(adv(vt=0x11)), v4(adv(vt=0x22))]
    f=v4(adv()); pk.append((f[:14+20+12],len(f)))
    pk.append(udp4([10,0,0,1],[10,0,0,2],1000,2000,b'payload'))
    write(path, pk)


def someip(path):
    """SOME/IP headers on UDP port 30490: methods and events, every message
    type and return code and unknown ones, a length under 16, cuts inside
    the header; one datagram on another port (decoded under -T someip)."""
    s=[10,0,0,1];d=[10,0,0,2]
    def h(mid,ln,rid,pv,iv,mt,rc,extra=b''):
        return struct.pack('!IIIBBBB',mid,ln,rid,pv,iv,mt,rc)+extra
    pk=[]
    mts=[0,1,2,0x80,0x81,0x20,0x21,0x22,0xa0,0xa1,0x03,0xff]
    for i,mt in enumerate(mts):
        pk.append(udp4(s,d,30490,30490,h(0x12340000|(i<<13)|i,8+i,0x00070000|i,1,i,mt,i if i<16 else 0x10)))
    for rc in range(0,18):
        pk.append(udp4(s,d,40000,30490,h(0xffffffff,0,0xffffffff,255,255,0x80,rc,b'payload')))
    pk.append(udp4(s,d,30490,40000,b'\x12\x34\x00\x01'+bytes(11)))
    pk.append(udp4(s,d,30490,40000,b''))
    f=udp4(s,d,30490,40000,h(0x00010001,8,1,1,1,0,0))
    for cut in (42+2,42+9,42+15):
        pk.append((f[:cut],len(f)))
    pk.append(udp4(s,d,40000,40001,h(0x00010001,8,1,1,1,2,0)))
    write(path, pk)


def cnfp(path):
    """NetFlow v1, v5 and v6 export datagrams (port 2055, printed only under
    -T cnfp): TCP records with flags, UDP and other protocols, masks and AS
    numbers, v6's encapsulation sizes; version 9; cuts in the header, in a
    record and at a record's end."""
    s=[10,0,0,1];d=[10,0,0,2]
    A=lambda *b: bytes(b)
    def rec1(src,dst,nh,sp,dp,proto,tos,flags,pk,oc,st,la):
        return A(*src)+A(*dst)+A(*nh)+struct.pack('!HHIIIIHHxxBBBxxxI',1,2,pk,oc,st,la,sp,dp,proto,tos,flags,0)
    def rec5(src,dst,nh,sp,dp,proto,tos,flags,pk,oc,st,la,sas,das,sm,dm,tail=0):
        return A(*src)+A(*dst)+A(*nh)+struct.pack('!HHIIIIHHxBBBHHBBH',1,2,pk,oc,st,la,sp,dp,flags,proto,tos,sas,das,sm,dm,tail)
    r1=[rec1((10,1,0,1),(10,2,0,2),(10,0,0,254),40000,80,6,0,0x1b,10,1400,123456,125001,),
        rec1((10,1,0,3),(10,2,0,4),(0,0,0,0),53,53,17,0x10,0,1,76,5,5),
        rec1((10,1,0,5),(10,2,0,6),(0,0,0,0),0,0,6,0,0,1,40,0,999)]
    h1=struct.pack('!HHIII',1,len(r1),1234567,1700000000,123)
    r5=[rec5((192,168,1,1),(172,16,0,1),(10,0,0,254),443,50000,6,0,0x12,3,180,1000,2000,64512,65001,24,16),
        rec5((192,168,1,2),(8,8,8,8),(10,0,0,254),5353,5353,17,0xb8,0xff,1,60,3000,3000,0,0,32,0),
        rec5((192,168,1,3),(8,8,4,4),(10,0,0,254),0,0,1,0,0,9,900,1,2,1,2,8,8)]
    h5=struct.pack('!HHIIIIBBH',5,len(r5),70000,1700000001,999999999,42,0,0,0)
    r6=[rec5((10,0,0,1),(10,0,0,2),(10,0,0,3),1,2,47,0,0,5,500,10,20,100,200,30,31,tail=0x0814),
        rec5((10,0,0,1),(10,0,0,2),(10,0,0,3),22,2222,6,0,0x01,5,500,10,20,100,200,30,31)]
    h6=struct.pack('!HHIIIII',6,len(r6),100,1700000002,5,7,0)
    pk=[]
    for h,rs in ((h1,r1),(h5,r5),(h6,r6)):
        # tcpdump 4.99.3 steps v5 and v6 records by 52 bytes: pad them so
        # the second record is where it reads it.
        step=52 if h is not h1 else 48
        body=h+b''.join(r+bytes(step-len(r)) for r in rs)
        pk.append(udp4(s,d,2055,2055,body))
        f=udp4(s,d,2055,2055,body)
        hl=len(h)
        for cut in (2,10,18,hl,hl+10,hl+30,hl+40,hl+47,hl+step+4):
            pk.append((f[:42+cut],len(f)))
    # an uptime above 65535 ms makes the count's upper half non-zero
    pk.append(udp4(s,d,2055,2055,struct.pack('!HHIII',1,1,0x00010000,0,0)+r1[0]))
    pk.append(udp4(s,d,2055,2055,struct.pack('!HH',9,1)+bytes(16)))
    pk.append(udp4(s,d,2055,2055,b'\x00'))
    write(path, pk)


def resp(path):
    """Redis (RESP) over TCP port 6379: every element type, nested and empty
    arrays, null and bad lengths, pipelined commands, inline commands with
    CR, LF and both, bytes needing escapes, and cuts inside each (by the
    segment's length and by the capture); one segment on other ports,
    decoded only under -T resp."""
    s=[10,0,0,1];d=[10,0,0,2]
    seq=[1]
    def tcp(payload,sp=40000,dp=6379,cut=None):
        t=struct.pack('!HHIIBBHHH',sp,dp,seq[0],1,0x50,0x18,65535,0,0)+payload
        seq[0]+=len(payload)
        f=eth(ipv4(s,d,6,t))
        return (f[:cut],len(f)) if cut else f
    msgs=[b'+OK\r\n', b'-ERR unknown command \'FOO\'\r\n', b':1000\r\n', b':-42\r\n',
          b'$6\r\nfoobar\r\n', b'$0\r\n\r\n', b'$-1\r\n', b'$-2\r\n', b'$99999999999\r\n', b'$-99999999999\r\n',
          b'$x\r\n', b'$3\rxfoo\r\n', b'$3\r\nfoo', b'$3\r\nfooXY\r\n', b'$2147483647\r\nab\r\n', b'$2147483648\r\n',
          b'*2\r\n$4\r\nLLEN\r\n$6\r\nmylist\r\n', b'*0\r\n', b'*-1\r\n', b'*-3\r\n', b'*3\r\n:1\r\n:2\r\n',
          b'*2\r\n*2\r\n+a\r\n-b\r\n*1\r\n$1\r\nc\r\n', b'*1\r\n*-1\r\n', b'*x\r\n',
          b'*2\r\n$4\r\nINCR\r\n$1\r\nz\r\n*2\r\n$4\r\nINCR\r\n$1\r\nz\r\n',
          b'PING\r\nPING\r\nPING\r\n', b'PING\n', b'\r\nPING\r', b'\n\n\r', b'SET k v', b'+caf\xc3\xa9 \x01\x7f\r\n',
          b'GET \x80\xff\r\n', b'+no end', b'+', b'$', b'*', b'$5', b'$5\r', b'*1\r\n', b'+a\r\nPING']
    pk=[tcp(m) for m in msgs]
    big=b'*3\r\n$3\r\nSET\r\n$5\r\nmykey\r\n$10\r\n0123456789\r\n'
    for cut in (1,3,6,10,15,22,30,36,40,len(big)-1):
        pk.append(tcp(big,cut=54+cut))
    pk.append(tcp(b'+OK\r\n',sp=6379,dp=40000))
    pk.append(tcp(b''))
    pk.append(tcp(b'*1\r\n$4\r\nPING\r\n',sp=40000,dp=40001))
    # 6379 against the TCP ports nsbox decodes: which dissector comes first.
    for p in (21,22,25,43,53,80,8080,554,8554):
        pk.append(tcp(b'+OK\r\n',sp=p,dp=6379)); pk.append(tcp(b'SSH-2.0-x\r\n',sp=6379,dp=p))
    write(path, pk)


def ptp(path):
    """PTP (IEEE 1588) on UDP ports 319 and 320: every version 2 message
    type and reserved ones, every flag bit, control values, version 1 and
    2.1 and 3, a header under 34 bytes, cuts in the header and the bodies;
    319 and 320 against the UDP ports nsbox decodes; one message on other
    ports (decoded only under -T ptp)."""
    s=[10,0,0,1];d=[10,0,0,2]
    def hdr(t,ln,flags=0x0200,ver=0x02,sdo=0,domain=0,control=0,lmi=0x7f,seq=1,corr=0x000000010002,sub=3):
        return struct.pack('!BBHBBH',(sdo<<4)|t,ver,ln,domain,0x5a,flags)+corr.to_bytes(6,'big')+struct.pack('!HI',sub,0xdeadbeef)\
            +bytes.fromhex('0011223344556677')+struct.pack('!HHBB',1,seq,control,lmi)
    ts=(1700000000).to_bytes(6,'big')+struct.pack('!I',123456789)
    pid=bytes.fromhex('8899aabbccddeeff')+struct.pack('!H',7)
    ann=ts+struct.pack('!HBBBBHB',37,0,128,248,0xfe,0xffff,128)+bytes.fromhex('0102030405060708')+struct.pack('!HB',2,0xa0)
    mgmt=pid+bytes([5,4,0x1f,0])
    bodies={0:ts,1:ts,2:ts+pid,3:ts+pid,8:ts,9:ts+pid,0xa:ts+pid,0xb:ann,0xc:pid+b'tlv',0xd:mgmt,4:b'',0xe:bytes(10),0xf:b''}
    pk=[]
    for t,b in bodies.items():
        pk.append(udp4(s,d,319 if t<8 else 320,319 if t<8 else 320,hdr(t,34+len(b),control=t if t<7 else 5)+b))
    for bit in range(16):
        pk.append(udp4(s,d,319,319,hdr(0,44,flags=1<<bit,sdo=bit,domain=bit*16,control=bit)+ts))
    pk.append(udp4(s,d,319,319,hdr(0,44,flags=0xffff,lmi=0xfd)+ts))
    pk.append(udp4(s,d,319,319,hdr(0,44,flags=0)+ts))
    for ver in (0x01,0x12,0x03,0x00,0x22):
        pk.append(udp4(s,d,319,319,hdr(0,44,ver=ver)+ts))
    pk.append(udp4(s,d,319,319,hdr(0,44)[:33]))
    pk.append(udp4(s,d,319,319,b''))
    for t,cut in ((0xb,34+20),(0xd,34+11),(0x9,34+12),(0,20),(0,34+5),(0xb,34+29)):
        f=udp4(s,d,320,320,hdr(t,34+len(bodies[t]))+bodies[t])
        pk.append((f[:42+cut],len(f)))
    for p in (53,67,68,69,123,161,162,514,520,521,546,547,3456,4500,4789,6081,5353,30490):
        pk.append(udp4(s,d,p,319,hdr(1,44)+ts)); pk.append(udp4(s,d,320,p,hdr(1,44)+ts))
    pk.append(udp4(s,d,40000,40001,hdr(0,44)+ts))
    write(path, pk)


def zmtp1(path):
    """ZMTP/1.0 frames over TCP (printed only under -T zmtp1): 8- and 64-bit
    lengths, empty frames, several frames a segment, every flag bit, bodies
    over 128 bytes, a frame longer than its segment, cuts in the length,
    the flags and the body."""
    s=[10,0,0,1];d=[10,0,0,2]
    seq=[1]
    def tcp(payload,cut=None):
        t=struct.pack('!HHIIBBHHH',5555,5556,seq[0],1,0x50,0x18,65535,0,0)+payload
        seq[0]+=len(payload)
        f=eth(ipv4(s,d,6,t))
        return (f[:cut],len(f)) if cut else f
    f8=lambda flags,body: bytes([len(body)+1,flags])+body
    f64=lambda flags,body: b'\xff'+struct.pack('!Q',len(body)+1)+bytes([flags])+body
    pk=[tcp(f8(0,b'hello')), tcp(f8(1,b'part')+f8(0,b'end')), tcp(b'\x00'+f8(0,b'x')), tcp(f8(0,b'')),
        tcp(f64(0x7e,bytes(range(200)))), tcp(f8(0xff,bytes(range(130)))), tcp(f8(0,bytes(range(128)))),
        tcp(bytes([50,0])+b'short'), tcp(b'\xff'+struct.pack('!Q',0)), tcp(b'\xff'+struct.pack('!Q',2**64-1)+b'\x00abc'),
        tcp(f8(0,b'hello'),cut=54+3), tcp(f64(0,b'abc'),cut=54+5), tcp(f64(0,b'abc'),cut=54+9), tcp(f8(0,b'hello')+f8(0,b'again'),cut=54+8)]
    write(path, pk)


def aodv(path):
    """AODV on UDP port 654 over IPv4 and IPv6: requests, replies, errors
    and acknowledgements, the IPv6 draft-01 types, hello extensions (good,
    short, unknown), short messages and cuts; 654 against the UDP ports
    nsbox decodes; one message elsewhere (only under -T aodv)."""
    s=[10,0,0,1];d=[10,0,0,2]
    a6=bytes.fromhex('fd000000000000000000000000000001');b6=bytes.fromhex('fd000000000000000000000000000002')
    c6=bytes.fromhex('fd000000000000000000000000000003');e6=bytes.fromhex('fe800000000000000000000000000009')
    A=lambda *b: bytes(b)
    hello=b'\x01\x04'+struct.pack('!I',1000)
    rreq4=struct.pack('!BBBBI',1,0xf8,0,3,0x1234)+A(10,0,0,9)+struct.pack('!I',7)+A(10,0,0,1)+struct.pack('!I',8)
    rrep4=struct.pack('!BBBB',2,0xc0,0x25,2)+A(10,0,0,9)+struct.pack('!I',9)+A(10,0,0,1)+struct.pack('!I',3000)
    rerr4=struct.pack('!BBBB',3,0x80,0,2)+A(10,0,0,9)+struct.pack('!I',1)+A(10,0,0,8)+struct.pack('!I',2)
    rreq6=struct.pack('!BBBBI',1,0,0,1,5)+c6+struct.pack('!I',7)+a6+struct.pack('!I',8)
    rrep6=struct.pack('!BBBB',2,0,64,1)+c6+struct.pack('!I',9)+a6+struct.pack('!I',500)
    rerr6=struct.pack('!BBBB',3,0,0,1)+c6+struct.pack('!I',4)
    drreq=struct.pack('!BBBBIII',16,0,0,1,5,7,8)+c6+a6
    drrep=struct.pack('!BBBBI',17,0,0,1,9)+c6+a6+struct.pack('!I',500)
    drerr=struct.pack('!BBBB',18,0,0,2)+c6+struct.pack('!I',4)+e6+struct.pack('!I',5)
    u=lambda p,sp=654,dp=654: udp4(s,d,sp,dp,p)
    v=lambda p,sp=654,dp=654,cut=None: udp6(a6,b6,sp,dp,p,cut)
    pk=[u(rreq4),u(rreq4+hello),u(rreq4+b'\x01\x02'+bytes(4)),u(rreq4+b'\x07\x03abc'),u(rreq4+b'\x01\x04\x00'),u(rreq4+b'\x01'),
        u(rrep4),u(rrep4+hello),u(rerr4),u(rerr4[:12]),u(struct.pack('!BB',4,0)),u(b'\x09abc'),u(rreq4[:20]),u(rrep4[:19]),u(rerr4[:3]),
        u(drreq),u(drrep),u(drerr),
        v(rreq6),v(rreq6+hello),v(rrep6),v(rerr6),v(drreq),v(drrep),v(drerr),v(struct.pack('!BB',19,0)),v(rreq6[:40])]
    for cut in (1,10,23,30):
        f=u(rreq4+hello); pk.append((f[:42+cut],len(f)))
    f=u(rerr4); pk.append((f[:42+14],len(f)))
    f=u(rreq4+hello); pk.append((f[:42+26],len(f)))
    pk.append(u(b''))
    for p in (53,67,68,69,123,161,162,514,520,521,546,547,3456,4500,4789,6081,5353,30490,319,320):
        pk.append(u(rrep4,sp=p,dp=654)); pk.append(u(rrep4,sp=654,dp=p))
    pk.append(u(rreq4,sp=40000,dp=40001)); pk.append(v(rreq6,sp=40000,dp=40001))
    write(path, pk)


def wb(path):
    """LBL whiteboard datagrams to UDP port 4567 (and under -T wb): drawing
    ops with every op type, skips and holes in and out of range, repair
    requests and replies, announcements with ids and a site name, page
    requests and replies, kill, unknown types, short and cut messages; 4567
    against the UDP ports nsbox decodes."""
    s=[10,0,0,1];d=[10,0,0,2]
    A=lambda *b: bytes(b)
    W=lambda *ws: b''.join(struct.pack('!I',w&0xffffffff) for w in ws)
    hdr=lambda t,flags=0: W(0x0a000001,1000)+struct.pack('!HBB',1,t,flags)
    def dop(t,ln=0,ts=0,body=b''):
        b=W(ts)+struct.pack('!HBB',ln,0,t)+body
        return b+bytes((-len(b))%4)
    page=A(10,0,0,7)+W(3)
    ops=b''.join(dop(t) for t in range(0,17))
    u=lambda p,sp=40000,dp=4567: udp4(s,d,sp,dp,p)
    pk=[u(hdr(0)+page+W(1,17)+ops), u(hdr(0,1)+page+W(5,7)+dop(2,5,body=b'abcde')+dop(14,0,ts=6)+dop(3)),
        u(hdr(0)+page+W(5,9)+dop(15,0,ts=3)+dop(2)), u(hdr(0)+page+W(5,9)+dop(15,0,ts=20)+dop(2)),
        u(hdr(0)+page+W(7,3)), u(hdr(2)+A(10,0,0,9)+page+W(1,5)), u(hdr(3)+A(10,0,0,9)+page+W(1,3)+dop(4)+dop(5)+dop(6)),
        u(hdr(1)+W(2)+A(10,0,0,7)+W(4)+W(1)+A(10,0,0,8)+W(5)+struct.pack('!HH',2,0)+A(10,0,0,3)+W(100)+A(10,0,0,4)+W(200)+b'site.example\x00junk'),
        u(hdr(1)+W(2)+A(10,0,0,7)+W(4)+W(1)+A(10,0,0,8)+W(5)+struct.pack('!HH',0,0)+b'caf\xc3\xa9\x01'),
        u(hdr(1)+W(2)+A(10,0,0,7)+W(4)+W(1)+A(10,0,0,8)+W(5)+struct.pack('!HH',9,0)+bytes(8)),
        u(hdr(5)+page+W(11,12)), u(hdr(7)+W(2)+W(1)+page+struct.pack('!HH',0x0200,0)+A(10,0,0,5)+W(1)+A(10,0,0,6)+W(2)+W(2)+page+struct.pack('!HH',0,0)),
        u(hdr(7)+W(1)+W(1)+page+struct.pack('!HH',0x0001,0)), u(hdr(4)), u(hdr(6)), u(hdr(9,1)+bytes(8)),
        u(hdr(0)+bytes(8)), u(hdr(2)+bytes(10)), u(hdr(3)+bytes(19)), u(hdr(5)+bytes(4)), u(hdr(7)+b'\x00'), u(hdr(1)+bytes(20)),
        u(b'abc'), u(b''), u(hdr(0)+page+W(1,0xffffffff)+dop(2)+dop(3))]
    f=u(hdr(0)+page+W(1,2)+dop(2)+dop(3))
    for cut in (5,12,20,31,40):
        pk.append((f[:42+cut],len(f)))
    for p in (53,67,68,69,123,161,162,514,520,521,546,547,654,3456,4500,4789,6081,5353,30490,319,320):
        pk.append(u(hdr(4),sp=p,dp=4567)); pk.append(u(hdr(4),sp=4567,dp=p))
    pk.append(u(hdr(4),sp=3456,dp=4567)); pk.append(u(hdr(4),sp=4567,dp=3456))
    pk.append(u(hdr(4),sp=40000,dp=40001))
    write(path, pk)


def rpc(path):
    """Sun RPC over UDP, printed as RPC only under -T rpc: calls of every
    portmapper procedure and others, other RPC versions, known and unknown
    programs; replies accepted, denied (version mismatch, each auth error,
    other reasons) and of unknown status; cuts; IPv6; one TCP segment."""
    s=[10,0,0,1];d=[10,0,0,2]
    W=lambda *ws: b''.join(struct.pack('!I',w&0xffffffff) for w in ws)
    def callmsg(xid,proc,prog=100000,vers=2,rpcvers=2): return W(xid,0,rpcvers,prog,vers,proc,0,0,0,0)+W(100003,3,17,0)
    u=lambda p,sp=800,dp=111: udp4(s,d,sp,dp,p)
    pk=[u(callmsg(0x1000+p,p)) for p in range(0,10)]
    pk+=[u(callmsg(0x2000,3,prog=100003,vers=3)), u(callmsg(0x2001,1,prog=99,vers=1)), u(callmsg(0x2002,5,prog=100005,vers=3,rpcvers=3)),
         u(callmsg(0xffffffff,2,prog=2**31-1))]
    pk+=[u(W(0x3000,1,0,0,0,0)+W(2049),sp=111,dp=800), u(W(0x3001,1,1,0,2,3),sp=111,dp=800)]
    pk+=[u(W(0x3002+w,1,1,1,w),sp=111,dp=800) for w in range(0,10)]
    pk+=[u(W(0x3100,1,1,2,0),sp=111,dp=800), u(W(0x3101,1,5,0),sp=111,dp=800), u(W(0x3102,7),sp=111,dp=800)]
    f=u(callmsg(0x4000,3))
    for cut in (6,10,20,23):
        pk.append((f[:42+cut],len(f)))
    for body in (W(0x4001,1,1,0,2,3), W(0x4002,1,1,1,2)):
        g=u(body,sp=111,dp=800)
        for cut in (10,14,18,22):
            if cut<len(body): pk.append((g[:42+cut],len(g)))
    a6=bytes.fromhex('fd000000000000000000000000000001');b6=bytes.fromhex('fd000000000000000000000000000002')
    pk.append(udp6(a6,b6,800,111,callmsg(0x5000,3))); pk.append(udp6(b6,a6,111,800,W(0x5000,1,0,0,0,0)))
    t=struct.pack('!HHIIBBHHH',800,111,1,1,0x50,0x18,65535,0,0)+W(0x80000028)+callmsg(0x6000,3)
    pk.append(eth(ipv4(s,d,6,t)))
    write(path, pk)


def krb(path):
    """Kerberos on UDP ports 88 and 750: versions 1-3, a Kerberos 5 request
    and reply (106, 107: "v5"), other first bytes; Kerberos 4 messages of
    each type in both byte orders (KDC request and reply, application
    request, error reply with known and unknown codes, others, unknown),
    names with control and high bytes; cuts inside each string."""
    s=[10,0,0,1];d=[10,0,0,2]
    u=lambda p,sp=40000,dp=88: udp4(s,d,sp,dp,p)
    z=lambda *names: b''.join(n+b'\0' for n in names)
    req=lambda le: bytes([4,2|le])+z(b'alice',b'',b'ATHENA.MIT.EDU')+struct.pack('!I',1700000000)+bytes([96])+z(b'krbtgt',b'ATHENA.MIT.EDU')
    rep=lambda le: bytes([4,4|le])+z(b'alice',b'',b'ATHENA.MIT.EDU')+struct.pack('!IBIB',1,2,3,4)+(struct.pack('<H',300) if le else struct.pack('!H',300))
    err=lambda le,code: bytes([4,10|le])+z(b'bob',b'x',b'R')+struct.pack('!I',5)+(struct.pack('<I',code) if le else struct.pack('!I',code))+z(b'error text')
    pk=[u(bytes([v])+b'rest') for v in (1,2,3,5,0,105,108,255)]+[u(bytes([106])+b'\x81\x80'),u(bytes([107,5]),sp=88,dp=40000)]
    pk+=[u(req(0)),u(req(1)),u(rep(0)),u(rep(1)),u(err(0,8)),u(err(1,8)),u(err(0,99)),u(err(1,0x01000000))]
    pk+=[u(bytes([4,6])+bytes([0,7])+z(b'rcmd')+bytes([5,9])), u(bytes([4,7])+bytes([0,7])+z(b'a\x01\x80b')+bytes([5,9])),
         u(bytes([4,8])+b'xx'), u(bytes([4,12])), u(bytes([4,14])), u(bytes([4,16])), u(bytes([4,126])), u(bytes([4,20])+b'x'),
         u(bytes([4,2])+z(b'alice',b'i',b'R'),dp=750), u(bytes([4])), u(b'')]
    for f in (u(req(0)), u(err(0,8)), u(bytes([4,6])+bytes([0,7])+z(b'rcmd')+bytes([5,9]))):
        pk+=[(f[:42+n],len(f)) for n in (1,2,4,8,9,22,27,28,30) if n<len(f)-42]
    write(path, pk)


def otv(path):
    """UDP port 8472 (OTV to tcpdump, and Linux's default VXLAN port): the I
    flag set and clear, other flag bits, overlay and instance ids, an ARP
    inside; shorter than the header; cuts in the header and the inner frame."""
    s=[10,0,0,1];d=[10,0,0,2]
    arp=eth(struct.pack('!HHBBH',1,0x0800,6,4,1)+bytes.fromhex('020000000003')+bytes([10,1,0,1])+bytes(6)+bytes([10,1,0,2]),et=0x0806,dst=b'\xff'*6)
    H=lambda flags,ov,inst: struct.pack('!I',flags<<24|ov)+struct.pack('!I',inst<<8)
    pk=[udp4(s,d,40000,8472,H(0x08,0,42)+arp), udp4(s,d,8472,40000,H(0,7,0xffffff)+arp), udp4(s,d,8472,8472,H(0xff,0xffffff,1)+arp),
        udp4(s,d,40000,8472,b'\x08\0\0'), udp4(s,d,40000,8472,H(0x08,0,1))]
    f=udp4(s,d,40000,8472,H(0x08,0,42)+arp)
    pk+=[(f[:42+n],len(f)) for n in (0,1,4,7,8,12,20)]
    g=udp4(s,d,40000,8472,b'\x08\0\0\0\0')
    pk.append((g[:44],len(g)))
    write(path, pk)


def sip(path):
    """SIP on UDP port 5060 (both ways), and TCP segments to and from 5060
    (4.99.3 does not decode them): requests of several methods, a response,
    a lower-case method, a token that is no method, binary data, a line
    without its end; IPv6; cuts."""
    s=[10,0,0,1];d=[10,0,0,2]
    inv=b'INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060\r\nCall-ID: 1@x\r\nContent-Length: 0\r\n\r\n'
    msgs=[inv, b'SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n', b'register sip:x SIP/2.0\r\n\r\n', b'BYE sip:x SIP/2.0\nMax-Forwards: 70\n\n',
          b'HELLO world\r\n', b'\x80\x01\x02binary', b'OPTIONS sip:x SIP/2.0', b'SIP/2.0 4x4 Bad\r\n', b'ACK sip:x SIP/2.0\r\nX: a\x01b\r\n']
    pk=[udp4(s,d,5060,5060,m) for m in msgs]+[udp4(s,d,40000,5060,inv), udp4(s,d,5060,40000,msgs[1])]
    t=lambda sp,dp,p: eth(ipv4(s,d,6,struct.pack('!HHIIBBHHH',sp,dp,1,1,0x50,0x18,65535,0,0)+p))
    pk+=[t(40000,5060,inv), t(5060,40000,msgs[1]), t(40000,5060,msgs[4])]
    a6=bytes.fromhex('fd000000000000000000000000000001');b6=bytes.fromhex('fd000000000000000000000000000002')
    pk.append(udp6(a6,b6,5060,5060,inv))
    f=udp4(s,d,5060,5060,inv)
    pk+=[(f[:42+n],len(f)) for n in (3,20,40)]
    write(path, pk)


def bcm_li(path):
    """UDP from port 49152: Broadcom's LI shim over each packet
    type (Ethernet, IPv4, IPv6, undecided by the first nibble, unknown) and
    subtype and direction; shorter than the shim; cuts."""
    s=[10,0,0,1];d=[10,0,0,2]
    inner4=ipv4([192,0,2,1],[192,0,2,2],17,udp([192,0,2,1],[192,0,2,2],53,53,b'\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x01a\x00\x00\x01\x00\x01'))
    a6=bytes.fromhex('20010db8000000000000000000000001');b6=bytes.fromhex('20010db8000000000000000000000002')
    inner6=ip6hdr(a6,b6,59,b'')
    innere=eth(inner4)
    S=lambda direction,typ,sub,li: struct.pack('!I',direction<<29|typ<<25|sub<<22|li)
    pk=[udp4(s,d,49152,3784,S(1,5,3,792)+inner4), udp4(s,d,5000,49152,S(2,6,1,7)+inner6), udp4(s,d,49152,49152,S(3,7,2,0x3fffff)+innere),
        udp4(s,d,49152,5000,S(0,4,0,1)+inner4), udp4(s,d,49152,5000,S(7,4,7,1)+inner6), udp4(s,d,49152,5000,S(1,4,3,1)+b'\x50abc'),
        udp4(s,d,49152,5000,S(1,9,3,1)+b'xyz'), udp4(s,d,49152,5000,S(1,15,3,1)), udp4(s,d,49152,5000,b'\x01\x02'), udp4(s,d,49152,5000,b''),
        udp4(s,d,49152,5000,S(1,4,3,1))]
    f=udp4(s,d,49152,5000,S(1,5,3,1)+inner4)
    pk+=[(f[:42+n],len(f)) for n in (2,4,10,30)]
    write(path, pk)


def bfd(path):
    """BFD to each of its UDP ports (3784 control, 4784 multihop, 6784 LAG,
    3785 echo): versions 0 and 1 with every state, flag and diagnostic (and
    unknown ones), each authentication type with good and bad lengths, other
    versions, large timers; from port 3784 (not BFD); cuts in the header,
    the authentication header and a digest."""
    s=[10,0,0,1];d=[10,0,0,2]
    def B(ver,diag,flags,mult=3,my=1,your=2,tx=1000000,rx=1000000,echo=0,auth=b'',blen=None):
        body=struct.pack('!BBBBIIIII',ver<<5|diag,flags,mult,24+len(auth) if blen is None else blen,my,your,tx,rx,echo)+auth
        return body
    u=lambda p,dp=3784,sp=50000: udp4(s,d,sp,dp,p)
    pk=[u(B(1,dg,st<<6|fl)) for dg,st,fl in ((0,3,0),(1,1,0x20),(2,2,0x10),(3,0,0x08),(4,3,0x02),(5,3,0x01),(6,3,0x3f),(7,1,0),(8,2,0),(9,3,0),(31,3,0))]
    pk+=[u(B(0,dg,fl)) for dg,fl in ((0,0x80),(1,0x40),(2,0x20),(3,0xff),(12,0))]
    pk+=[u(B(1,0,0xc0),dp=4784),u(B(1,0,0xc0),dp=6784),u(B(0,0,0),dp=4784),u(b'echo-data-here',dp=3785),u(B(1,0,0xc0),sp=3784,dp=5000)]
    pk+=[u(B(v,0,0xc0)) for v in (2,5,7)]
    pk+=[u(B(1,0,0xc0,mult=255,tx=0xffffffff,rx=0xffffffff,echo=0xffffffff))]
    A=lambda t,l,k,rest: bytes([t,l,k])+rest
    auths=[A(1,8,5,b'secret'[:5]),A(1,4,1,b'x'),A(1,19,2,b'0123456789abcdef'),A(1,3,1,b''),A(1,20,1,b'0123456789abcdefg'),A(1,8,5,b'a\x01b\x80\0'),
           A(2,24,1,b'\0'+struct.pack('!I',7)+bytes(range(16))),A(3,24,2,b'\0'+struct.pack('!I',0xdeadbeef)+bytes(range(16,32))),A(2,23,1,b'\0'*21),
           A(4,28,1,b'\0'+struct.pack('!I',9)+bytes(range(20))),A(5,28,3,b'\0'+struct.pack('!I',10)+bytes(range(20))),A(4,24,1,b'\0'*21),A(9,6,1,b'abc')]
    pk+=[u(B(1,0,0xc4,auth=a)) for a in auths]+[u(B(0,0,0x04,auth=auths[0]))]
    f=u(B(1,0,0xc4,auth=auths[6]))
    pk+=[(f[:42+n],len(f)) for n in (0,1,2,20,23,24,26,27,30,32,40)]
    g=u(B(1,0,0xc4,auth=auths[0]))
    pk+=[(g[:42+n],len(g)) for n in (28,30)]
    h=u(B(5,0,0))
    pk+=[(h[:42+10],len(h)), (u(b'e'*10,dp=3785)[:42+4],50)]
    write(path, pk)


def hsrp(path):
    """HSRP version 0 to UDP port 1985: each op code and state (and unknown
    ones), a nonzero reserved byte, authentication data full, NUL-padded
    and with control bytes; version 1; from port 1985 (not HSRP); cuts."""
    s=[10,0,0,1];d=[224,0,0,2]
    def H(op,state,auth=b'cisco\0\0\0',ver=0,res=0,hello=3,hold=10,prio=100,group=1,vip=(10,0,0,254)):
        return struct.pack('!8B',ver,op,state,hello,hold,prio,group,res)+auth+bytes(vip)
    pk=[udp4(s,d,1985,1985,H(op,st)) for op in (0,1,2,3) for st in (0,1,2,4,8,16,3)]
    pk+=[udp4(s,d,1985,1985,H(0,16,res=7)), udp4(s,d,1985,1985,H(0,16,auth=b'abcdefgh')),
         udp4(s,d,1985,1985,H(0,16,auth=b'a\x01b\x80\x7f\0zz',hello=0,hold=255)), udp4(s,d,1985,1985,H(0,16,ver=1)),
         udp4(s,d,1985,1985,H(0,16)+b'extra'), udp4(s,d,1985,5000,H(0,16)), udp4(s,d,5000,1985,H(0,8,prio=255,group=255))]
    f=udp4(s,d,1985,1985,H(0,16))
    pk+=[(f[:42+n],len(f)) for n in (0,1,7,8,12,16,18)]
    write(path, pk)


def eapol(path):
    """802.1X EAPOL frames: every frame type, EAP packets inside (identity,
    TLS, success, a fragment, length 0), one behind an 802.1Q tag; cuts in
    the EAPOL header, the EAP header and the EAP message."""
    def E(code,ident,body,ln=None):
        L=4+len(body) if ln is None else ln
        return struct.pack('!BBH',code,ident,L)+body
    def F(ver,typ,body,ln=None,vlan=False):
        L=len(body) if ln is None else ln
        p=struct.pack('!BBH',ver,typ,L)+body
        if vlan:
            return eth(struct.pack('!HH',5,0x888e)+p,et=0x8100,dst=bytes.fromhex('0180c2000003'))
        return eth(p,et=0x888e,dst=bytes.fromhex('0180c2000003'))
    pk=[F(1,1,b''),F(2,0,E(2,1,b'\x01alice')),F(1,0,E(1,2,b'\x0d\x20')),F(1,2,b''),F(3,3,b'\x02'+bytes(94)),F(1,4,b'xx'),F(1,9,b''),
        F(1,0,b'',ln=0),F(1,0,E(2,1,b'\x01alice'),ln=7),F(1,0,E(3,5,b'')),F(1,0,E(2,1,b'\x01bob'))[:20],F(1,0,E(2,1,b'\x01bob'))[:16],
        F(2,0,E(1,7,b'\x15\x81\0\0\1\0'),vlan=True)]
    f=F(1,0,E(2,1,b'\x01alice'))
    pk+=[(f[:n],len(f)) for n in (15,17,19,22,24)]
    write(path, pk)


def radius(path):
    """RADIUS on each of its ports: every attribute type's value printer
    with good and bad lengths, standard values in and out of range, vendor
    attributes, times (TZ=GMT in the tests), IPv6 prefixes, the RFC 5580
    location attributes, every command; EAP messages of each type, code and
    length error; bad lengths in the header and the attributes; captures cut
    in the header, an attribute header and a value; one datagram on another
    port (for -T radius) and one over IPv6."""
    s=[10,0,0,1];d=[10,0,0,2]
    A=lambda t,v: bytes([t,len(v)+2])+v
    I=lambda n: struct.pack('!I',n)
    def rad(code,ident,attrs,ln=None):
        body=b''.join(attrs)
        L=20+len(body) if ln is None else ln
        return struct.pack('!BBH',code,ident,L)+bytes(range(16))+body
    def E(code,ident,body,ln=None):
        L=4+len(body) if ln is None else ln
        return struct.pack('!BBH',code,ident,L)+body
    attrs1=[A(1,b'alice'),A(2,b'\x11'*16),A(3,b'\x01'+b'\x22'*16),A(4,bytes([10,0,0,9])),A(5,I(7)),A(6,I(2)),A(6,I(0)),A(6,I(12)),A(7,I(1)),A(7,I(9)),
     A(8,I(0xffffffff)),A(8,I(0xfffffffe)),A(8,bytes([1,2,3,4])),A(9,bytes([255,255,255,0])),A(10,I(3)),A(10,I(4)),A(11,b'filt'),A(12,I(1500)),A(13,I(3)),
     A(14,I(0xffffffff)),A(15,I(8)),A(15,I(9)),A(16,I(23)),A(17,b'x'),A(18,b'hello\x01there\x00zz'),A(22,b'10.0.0.0/8'),A(23,I(0xfffffffe)),A(23,I(5)),
     A(27,I(59)),A(28,I(61)),A(41,I(3601)),A(46,I(0)),A(85,I(100000)),A(29,I(1)),A(37,I(0)),A(38,I(0)),A(37,I(5)),
     A(40,I(3)),A(40,I(16)),A(45,I(4)),A(49,I(23)),A(49,I(24)),A(55,I(1700000000)),A(56,bytes([0x31,0,0,5])),A(56,bytes([0x33,0,1,0])),A(57,I(2)),
     A(58,b'\x32vlan'),A(58,b'\x30x'),A(59,b'\1\2'),A(61,I(19)),A(61,I(20)),A(64,bytes([0,0,0,3])),A(64,bytes([5,0,0,13])),A(65,bytes([1,0,0,1])),
     A(66,b'\x01host'),A(66,b'\x00host'),A(66,b'host'),A(69,b'\x03\x12\x34pw'),A(69,b'\x40\x12\x34'),A(81,b'\x02grp'),A(83,bytes([0,0,0,9])),A(83,bytes([7,0,0,9])),
     A(70,bytes(range(16))),A(71,bytes([1,8])+bytes(range(12))),A(72,I(4)),A(76,I(1)),A(84,bytes(range(8))),A(101,I(201)),A(101,I(999)),
     A(95,bytes(range(16))),A(97,bytes([0,64])+bytes([0x20,1,0xd,0xb8])),A(97,bytes([1,200])),A(97,bytes([0,64])+bytes(range(16))),A(123,bytes([0,56,0x20,1,0xd,0xb8,0,1,0,0])),
     A(124,struct.pack('!Q',0x0000010000000003)),A(125,bytes([64])+bytes(range(16))),A(126,b'\x31example.com'),A(126,b'\x39x'),
     A(127,struct.pack('!HBB',1,0,1)+struct.pack('!II',0xe0000000,0x80000000)+struct.pack('!II',0xe0000001,0)+b'GPS'),A(128,struct.pack('!H',2)+b'loc-data-bytes'),
     A(129,struct.pack('!H',0x8001)+struct.pack('!II',0xe0000000,0)+b'note'),A(129,struct.pack('!H',0)+struct.pack('!II',0xe0000000,0)),
     A(26,I(9)+bytes([1,6])+b'abcd'+bytes([2,3])+b'z'),A(26,I(311)),A(26,I(99999)+bytes([1,1])),A(26,b'ab'),
     A(130,b'new'),A(0,b'zero'),A(255,b'ff'),A(20,b'cb'),A(54,b'u'),A(93,b'u'),A(94,b'\1\2'),A(96,b'ifid'),A(102,b'k'),A(5,b'\1\2'),A(4,b'\1'),A(95,b'\1')]
    # lengths each value printer refuses, and values cut short inside them
    attrs1+=[A(70,b'\1'*15),A(71,b'\0'*13),A(71,b'\0\6'+bytes(12)),A(84,b'\1'*7),A(84,b'\1'*9),A(101,b'\0\0'),A(97,b'\1'),
     A(97,b'\0'*19),A(125,b'\1'*16),A(125,bytes([129])+bytes(16)),A(126,b'\x31'),A(127,b'\0'*20),A(128,b'\0\1'),A(129,b'\0'*9),
     A(124,b'\0'*7),A(55,b'\0'*3),A(55,I(0)),A(55,I(0xffffffff)),A(69,b'\1\2'),A(69,b'\x20\0\1x\0y'),A(58,b''),A(79,b''),A(26,I(9)+bytes([1,9])+b'ab'),
     A(26,I(9)+bytes([1,2,2])),A(26,I(2636)+bytes([5,4])+b'\x00\xff'),A(64,bytes([0,0,0,0])),A(64,bytes([0,0,0,14])),A(65,bytes([2,0,0,15])),
     A(66,b'\x20x'),A(66,b'\x1f'),A(91,b'\x05\x00y'),A(1,b'a\x7fb\x80c\td'),A(96,b'\x01\x02'),A(123,b'\0\0'),A(123,b'\x80\x81'),
     A(27,I(3599)),A(27,I(86400*400)),A(41,I(0xffffffff)),A(6,I(19)),A(6,I(20)),A(61,I(43)),A(61,I(44)),A(13,I(0xffffffff))]
    pk=[]
    # split across packets to keep them reasonable
    for i in range(0,len(attrs1),12):
        pk.append(udp4(s,d,40000,1812,rad(1,i,attrs1[i:i+12])))
    for code in (2,3,4,5,11,12,13,40,41,42,43,44,45,255,0,99):
        pk.append(udp4(s,d,1812,40000,rad(code,code,[A(18,b'ok')])))
    # EAP
    pk.append(udp4(s,d,40000,1812,rad(1,1,[A(79,bytes([2,1,0,10,1])+b'alice')])))
    pk.append(udp4(s,d,40000,1812,rad(1,1,[A(79,bytes([1,2,0,6,4,0x10]))])))
    # errors: short header, len<20, len>length, attr len<2, attr len past end, attr len 1 at end
    pk.append(udp4(s,d,40000,1812,rad(1,1,[],ln=10)))
    pk.append(udp4(s,d,40000,1812,rad(1,1,[A(1,b'abc')],ln=60)))
    pk.append(udp4(s,d,40000,1812,rad(1,1,[b'\x01\x01abc'])))
    pk.append(udp4(s,d,40000,1812,rad(1,1,[b'\x01\x09abc'])))
    pk.append(udp4(s,d,40000,1812,rad(1,1,[A(1,b'ab'),b'\x01'])))
    pk.append(udp4(s,d,40000,1812,b'\x01\x02\x00'))
    f=udp4(s,d,40000,1812,rad(1,7,[A(1,b'alice'),A(5,I(7))]))
    for cut in (3,10,21,24,27,30):
        pk.append((f[:42+cut],len(f)))
    for port in (1645,1646,1700,1813,3799,1812):
        pk.append(udp4(s,d,port,50000,rad(4,9,[A(44,b'sess')])))
        pk.append(udp4(s,d,50000,port,rad(4,9,[A(44,b'sess')])))

    eaps=[E(2,1,b'\x01alice'),E(2,1,b'\x01'),E(1,2,b'\x02hi\x01x'),E(1,2,b'\x02'),E(2,3,b'\x03\x04\x0d\x15\x63'),E(2,3,b'\x03'),
     E(1,4,b'\x0d\x20'),E(1,4,b'\x0d\xc0\x00\x00\x10\x00abc'),E(1,4,b'\x0d\x80\x00\x00'),E(1,4,b'\x0d'),E(1,5,b'\x15\x23'),E(1,5,b'\x15\x81\x00\x00\x00\x09'),
     E(1,6,b'\x2b\x01'),E(1,6,b'\x2b\x81\0\0\0\1'),E(1,7,b'\x17\x01'),E(1,7,b'\x12\x0b'),E(1,7,b'\x12\x63'),E(1,8,b'\x04\x10'+bytes(16)),E(1,8,b'\xfe\0\0\0'),E(1,8,b'\xc8'),
     E(3,9,b''),E(4,9,b''),E(9,9,b'zz'),E(1,1,b'\x01abc',ln=20),E(1,1,b'',ln=2),E(1,1,b'\x01abc',ln=5),E(1,1,b'\x01a\x00b\x80\x7f'),b'\x01',b'\x01\x02\x00']
    pk+=[udp4(s,d,40000,1812,rad(1,i,[A(79,e)])) for i,e in enumerate(eaps)]
    pk.append(udp4(s,d,40000,1812,rad(1,1,[A(79,E(2,1,b'\x01alice')),A(79,b'\x01\x02')])))
    f=udp4(s,d,40000,1812,rad(1,1,[A(79,E(2,1,b'\x01alice'))]))
    for cut in (24,26,27,29,31):
        pk.append((f[:42+cut],len(f)))

    pk.append(udp4(s,d,5000,5001,rad(43,3,[A(1,b'bob'),A(4,bytes([10,0,0,9]))])))
    a6=bytes.fromhex('fd000000000000000000000000000001');b6=bytes.fromhex('fd000000000000000000000000000002')
    pk.append(udp6(a6,b6,40000,1812,rad(1,4,[A(1,b'carol'),A(95,a6)])))
    write(path, pk)


def mpls(path):
    """MPLS label stacks (RFC 3032) on Ethernet (0x8847, 0x8848), in GRE,
    in IPv4 (protocol 137) and in UDP (port 6635): the reserved labels by
    name, traffic class bits, the bottom-of-stack bit, the payload guessed
    from the last label or the first byte (IPv4, IPv6, OSI, unknown); a
    stack without a bottom, an empty payload; cuts inside a label and the
    payload. (OSI payloads, which tcpdump hands to its IS-IS and CLNP
    printers, are not here: nsbox does not decode them.)"""
    a4=[10,80,0,1];b4=[10,80,0,2]
    a6=bytes.fromhex('fd000000000000000000000000000001');b6=bytes.fromhex('fd000000000000000000000000000002')
    echo=ipv4(a4,b4,1,bytes([8,0,0xf7,0xfe,0,1,0,0]))
    echo6=ip6hdr(a6,b6,58,bytes([128,0,0x7b,0x9a,0,1,0,1]))
    L=lambda label,tc=0,s=0,ttl=64: struct.pack('!I',label<<12|tc<<9|s<<8|ttl)
    pk=[]
    for st in ([L(0,s=1)], [L(3,s=1)], [L(16,tc=5,ttl=1)+L(1,ttl=255)+L(0,s=1)], [L(100,tc=7,s=1,ttl=0)]):
        pk.append(eth(b''.join(st)+echo,et=0x8847))
    pk.append(eth(L(2,s=1)+echo6,et=0x8847))
    pk.append(eth(L(1048575,s=1)+echo6,et=0x8848))
    for label in range(4,17):
        pk.append(eth(L(label,s=1)+echo,et=0x8847))
    pk.append(eth(L(200,s=1)+b'\x00\x01\x02\x03payload',et=0x8847))
    pk.append(eth(L(2,s=1)+echo,et=0x8847))
    pk.append(eth(L(200,s=1),et=0x8847))
    pk.append(eth(L(200)+L(201),et=0x8847))
    pk.append(eth(L(200)+b'\x01\x02',et=0x8847))
    pk.append(eth(b'\x01\x02',et=0x8847))
    pk.append((eth(b'\x01\x02',et=0x8847)[:15],16))
    o4=[192,168,80,1];o4b=[192,168,80,2]
    pk.append(eth(ipv4(o4,o4b,47,struct.pack('!HH',0,0x8847)+L(300,s=1)+echo)))
    pk.append(eth(ipv4(o4,o4b,137,L(300,s=1)+echo)))
    pk.append(udp4(o4,o4b,40000,6635,L(300,s=1)+echo))
    pk.append(udp4(o4,o4b,6635,40000,L(301)+L(0,s=1)+echo6))
    f=eth(L(16)+L(0,s=1)+echo,et=0x8847)
    pk+=[(f[:14+n],len(f)) for n in (0,2,4,6,8,9,20)]
    g=udp4(o4,o4b,40000,6635,L(300,s=1)+echo)
    pk+=[(g[:42+n],len(g)) for n in (0,3,4,10)]
    write(path, pk)


def timed(path):
    """The BSD time daemon's protocol (timed, UDP port 525): every message
    type and unknown ones, the hop count of LOOP, the times of SETTIME,
    ADJTIME, SETDATE and SETDATEREQ (positive, negative, a negative
    microsecond field), host names NUL-ended, filling the field, with
    control and high bytes, missing their end; cuts in each field."""
    s=[10,0,0,1];d=[10,0,0,2]
    def T(typ,vers=1,seq=0x1234,mid=b'\0'*8,name=b'host1'):
        return struct.pack('!BBH',typ,vers,seq)+mid+name.ljust(256,b'\0')[:256]
    pk=[udp4(s,d,525,525,T(t)) for t in range(27)]+[udp4(s,d,525,525,T(200))]
    pk.append(udp4(s,d,525,525,T(24,mid=bytes([7])+bytes(7))))
    for sec,usec in ((1700000000,123456),(0,0),(-1,5),(-2,999999),(-5,0),(3,-1),(2**31-1,999999),(0,1000001)):
        for t in (1,5,22,23):
            pk.append(udp4(s,d,525,525,T(t,mid=struct.pack('!ii',sec,usec))))
    pk+=[udp4(s,d,525,525,T(2,name=b'a'*256)), udp4(s,d,525,525,T(2,name=b'x\x01y\x80z\x7f')),
         udp4(s,d,525,525,T(2,vers=255,seq=65535,name=b'')), udp4(s,d,40000,525,T(3)), udp4(s,d,525,40000,T(4)),
         udp4(s,d,525,525,struct.pack('!BBH',2,1,5)+bytes(8)+b'short'), udp4(s,d,525,525,struct.pack('!BBH',2,1,5)+bytes(8)+b'short\0')]
    f=udp4(s,d,525,525,T(5,mid=struct.pack('!ii',100,200)))
    pk+=[(f[:42+n],len(f)) for n in (0,1,2,3,4,6,11,12,14,17,100)]
    g=udp4(s,d,525,525,T(24,mid=bytes([9])+bytes(7)))
    pk+=[(g[:42+n],len(g)) for n in (4,5)]
    write(path, pk)


def vqp(path):
    """Cisco's VLAN Query Protocol (UDP port 1589): each message type and
    error code (and unknown ones), other versions; objects of each type
    (addresses, names, an Ethernet packet, MAC addresses) and unknown ones,
    names with NULs, lengths wrong for the type, zero, longer than the
    message; fewer objects than the count says; cuts."""
    s=[10,0,0,1];d=[10,0,0,2]
    H=lambda typ,err=0,n=0,ver=1,seq=0x1234: struct.pack('!BBBBI',ver,typ,err,n,seq)
    O=lambda t,v: struct.pack('!IH',t,len(v))+v
    objs=O(0x0c01,bytes([10,0,0,9]))+O(0x0c02,b'Fa0/1')+O(0x0c03,b'vlan10\0x')+O(0x0c04,b'lab')+O(0x0c05,b'\x01\x02pkt')+O(0x0c06,bytes(6))+O(0x0c08,bytes.fromhex('020000000001'))
    pk=[udp4(s,d,1589,1589,H(t,e,7)+objs) for t in (1,2,3,4,9) for e in (0,3,4,5,7)]
    pk+=[udp4(s,d,1589,1589,H(1,ver=2)), udp4(s,d,1589,1589,H(1,ver=0)+objs), udp4(s,d,40000,1589,H(1,n=1)+O(0x0c04,b'dom')),
         udp4(s,d,1589,40000,H(2,n=1)+O(0x0c03,b'v')),
         udp4(s,d,1589,1589,H(1,n=2)+O(0x1234,b'\xab\xcd')+O(0x0c04,b'x')),
         udp4(s,d,1589,1589,H(1,n=2)+O(0,b'ab')+O(0x0c04,b'x')), udp4(s,d,1589,1589,H(1,n=2)+O(0x0c04,b'')+O(0x0c04,b'x')),
         udp4(s,d,1589,1589,H(1,n=1)+O(0x0c01,bytes(5))), udp4(s,d,1589,1589,H(1,n=1)+O(0x0c08,bytes(5))),
         udp4(s,d,1589,1589,H(1,n=1)+struct.pack('!IH',0x0c04,20)+b'abc'), udp4(s,d,1589,1589,H(1,n=5)+O(0x0c04,b'one')),
         udp4(s,d,1589,1589,H(1,n=0)+O(0x0c04,b'one')), udp4(s,d,1589,1589,H(1,n=1)+b'\0\0\x0c'), udp4(s,d,1589,1589,b'\x01\x01\0')]
    f=udp4(s,d,1589,1589,H(1,0,7)+objs)
    pk+=[(f[:42+n],len(f)) for n in (0,1,4,7,8,10,14,16,20,30)]
    write(path, pk)


def autorp(path):
    """Cisco's auto-RP on UDP port 496: candidate advertisements, mappings
    and unknown types, hold times and FOREVER, RPs with each PIM version
    field and reserved bits, group ranges negative, bidirectional, with
    reserved bits, several per RP; counts past the message; cuts."""
    s=[10,0,0,1];d=[224,0,1,40]
    H=lambda typ,n,hold=181: struct.pack('!BBHI',typ,n,hold,0)
    RP=lambda a,v,ents: bytes(a)+bytes([v,len(ents)])+b''.join(struct.pack('!BB',f,m)+bytes(g) for f,m,g in ents)
    e1=[(0,4,[224,0,0,0])]; e2=[(1,16,[239,1,0,0]),(2,24,[232,1,2,0]),(0x83,8,[225,0,0,0])]
    pk=[udp4(s,d,496,496,H(0x11,1)+RP([10,0,0,1],v,e1)) for v in (0,1,2,3,0x7e)]
    pk+=[udp4(s,d,496,496,H(0x12,2,0)+RP([10,0,0,1],3,e2)+RP([10,0,0,5],2,e1)), udp4(s,d,496,496,H(0x21,0,3661)),
         udp4(s,d,496,496,H(0x12,1,90000 % 65536)+RP([10,0,0,1],2,[])), udp4(s,d,40000,496,H(0x11,1)+RP([10,0,0,1],1,e1)),
         udp4(s,d,496,40000,H(0x12,1)+RP([10,0,0,1],2,e2)),
         udp4(s,d,496,496,H(0x11,3)+RP([10,0,0,1],1,e1)), udp4(s,d,496,496,H(0x11,1)+bytes([10,0,0,1])),
         udp4(s,d,496,496,H(0x11,1)+bytes([10,0,0,1,1])), udp4(s,d,496,496,H(0x11,1)+bytes([10,0,0,1,1,2,0,4,224])),
         udp4(s,d,496,496,H(0x11,1)+bytes([10,0,0])), udp4(s,d,496,496,b'\x11\x01\0\x10\0\0\0')]
    f=udp4(s,d,496,496,H(0x12,2,0)+RP([10,0,0,1],3,e2)+RP([10,0,0,5],2,e1))
    pk+=[(f[:42+n],len(f)) for n in (0,1,2,3,5,8,11,12,13,14,17,19,20,30)]
    write(path, pk)


def lwapp(path):
    """LWAPP on UDP ports 12222 (data) and 12223 (control): versions, flag
    bits, radio and fragment ids; control messages of each type and unknown
    ones, several per frame, one past the end of the frame, a PDU length
    past the datagram; data frames with their 802.11 bytes, a length below
    the header's; cuts in the AP identity, headers and messages."""
    s=[10,0,0,1];d=[10,0,0,2]
    ap=bytes.fromhex('020000000abc')
    T=lambda v,frag,ln: struct.pack('!BBHH',v,frag,ln,0)
    M=lambda typ,seq,body,sess=0x11223344: struct.pack('!BBHI',typ,seq,len(body),sess)+body
    msgs=M(1,1,b'abcd')+M(22,2,b'')+M(99,3,b'xy')
    pk=[udp4(s,d,12223,12223,ap+T(v,f,len(msgs))+msgs) for v in (0x04,0x05,0x06,0x07,0x0c,0x3c,0x00,0x40,0xc4) for f in (0,9)]
    pk+=[udp4(s,d,12223,12223,ap+T(0x04,0,len(M(t,0,b'z')))+M(t,0,b'z')) for t in list(range(0,42))+[255]]
    pk+=[udp4(s,d,12223,12223,ap+T(0x04,0,30)+msgs), udp4(s,d,12223,12223,ap+T(0x04,0,5)+msgs),
         udp4(s,d,12223,12223,ap+T(0x04,0,12)+M(1,1,b'abcdefgh')), udp4(s,d,12223,12223,ap+T(0x04,0,0)),
         udp4(s,d,12223,12223,ap+T(0x04,0,200)+msgs), udp4(s,d,40000,12223,ap+T(0x04,0,len(msgs))+msgs),
         udp4(s,d,12223,40000,ap+T(0x04,0,len(msgs))+msgs)]
    wifi=bytes.fromhex('0801000002000000000102000000000202000000000300000102030405')
    pk+=[udp4(s,d,12222,12222,T(v,f,6+len(wifi))+wifi) for v in (0x00,0x01,0x03,0x08,0x40) for f in (0,4)]
    pk+=[udp4(s,d,12222,12222,T(0,0,5)+wifi), udp4(s,d,12222,12222,T(0,0,6)), udp4(s,d,12222,12222,T(0,0,100)+wifi),
         udp4(s,d,12222,40000,T(0,0,6+len(wifi))+wifi), udp4(s,d,12222,12222,b'\0\0\0')]
    f=udp4(s,d,12223,12223,ap+T(0x04,0,len(msgs))+msgs)
    pk+=[(f[:42+n],len(f)) for n in (0,3,6,8,11,12,14,19,20,24,28,31)]
    g=udp4(s,d,12222,12222,T(0,0,6+len(wifi))+wifi)
    pk+=[(g[:42+n],len(g)) for n in (0,3,5,6,7,20)]
    write(path, pk)


def babel(path):
    """The Babel routing protocol on UDP ports 6696 and 6697 (IPv6 and IPv4):
    every TLV type and unknown ones, address encodings 0-4 and bad ones,
    updates whose prefixes omit bytes of the previous one, flags, sub-TLVs
    (pad, diversity, timestamps, unknown and mandatory ones, bogus and
    invalid), lengths too short or past the body, a trailer, other magic
    and versions; cuts."""
    a6=bytes.fromhex('fe800000000000000000000000000001');m6=bytes.fromhex('ff020000000000000000000000010006')
    s=[10,0,0,1];d=[224,0,0,111]
    T=lambda t,v: bytes([t,len(v)])+v
    rid=bytes.fromhex('0211223344556677')
    def P(body,trailer=b'',magic=42,ver=2,bl=None):
        return struct.pack('!BBH',magic,ver,len(body) if bl is None else bl)+body+trailer
    sub_ts=T(3,struct.pack('!I',1234567)); sub_ts2=T(3,struct.pack('!II',1,2000001))
    tl=[T(1,b'\0\0'), b'\0', T(2,struct.pack('!HHH',0,0x1234,400)), T(3,struct.pack('!H',0xbeef)),
        T(4,struct.pack('!HHH',0,7,400)), T(4,struct.pack('!HHH',0x8000,8,0)), T(4,struct.pack('!HHH',0,9,400)+sub_ts),
        T(4,struct.pack('!HHH',0,9,400)+T(1,b'ab')+b'\0'+T(2,b'\x01\x00\xff')+T(0x85,b'x')+T(3,b'\0')),
        T(5,struct.pack('!BBHH',2,0,96,400)+a6), T(5,struct.pack('!BBHH',1,0,256,0)+bytes([10,0,0,2])),
        T(5,struct.pack('!BBHH',0,0,1,1)), T(5,struct.pack('!BBHH',3,0,1,1)+a6[8:]+sub_ts2), T(5,struct.pack('!BBHH',1,0,1,1)+b'\x0a'),
        T(6,b'\0\0'+rid), T(7,b'\x01\0'+bytes([10,0,0,9])), T(7,b'\x02\0'+a6), T(7,b'\x00\0'), T(7,b'\x03\0'+a6[8:]), T(7,b'\x09\0'),
        T(8,struct.pack('!BBBBHHH',1,0x80,24,0,400,5,96)+bytes([10,1,2])), T(8,struct.pack('!BBBBHHH',1,0,24,2,400,6,96)+bytes([3])),
        T(8,struct.pack('!BBBBHHH',1,0xc0,32,3,0xffff,7,0xffff)+bytes([9])), T(8,struct.pack('!BBBBHHH',2,0x80,64,0,400,8,1)+bytes.fromhex('2001db8000010002')),
        T(8,struct.pack('!BBBBHHH',2,0x3f,128,8,0,9,2)+bytes.fromhex('0000000000000005')+T(2,b'\x03\x04')),
        T(8,struct.pack('!BBBBHHH',0,0,0,0,400,1,0xffff)), T(8,struct.pack('!BBBBHHH',3,0,128,0,400,1,3)+a6[8:]),
        T(8,struct.pack('!BBBBHHH',4,0x80,16,0,400,1,3)+bytes([192,168])), T(8,struct.pack('!BBBBHHH',5,0,16,0,400,1,3)),
        T(8,struct.pack('!BBBB',1,0,0,0)),
        T(9,b'\x01\x10'+bytes([10,2])), T(9,b'\x00\x00'), T(9,b'\x02\x30'+bytes.fromhex('200100000001')), T(9,b'\x04\x08'+bytes([172])),
        T(10,struct.pack('!BBHBB',1,24,77,5,0)+rid+bytes([10,3,3])), T(10,struct.pack('!BBHBB',0,0,77,5,0)+rid),
        T(11,struct.pack('!HI',3,99999)), T(12,struct.pack('!H',5)+bytes(range(16))), T(12,b'\0\x01'+bytes(10)),
        T(13,struct.pack('!BBBBHHH',1,16,24,0,400,3,10)+bytes([10,4,4])+bytes([10,5])),
        T(14,struct.pack('!BBB',1,24,16)+bytes([10,6,6,10,7])), T(14,struct.pack('!BBB',0,0,0)),
        T(15,struct.pack('!BBHBB',1,24,9,3,16)+rid+bytes([10,8,8,10,9])),
        T(16,bytes(20)), T(17,struct.pack('!I',42)+b'idx'), T(18,bytes(8)), T(19,bytes(8)), T(99,b'zz')]
    pk=[]
    for t in tl:
        pk.append(udp6(a6,m6,6696,6696,P(t)))
    pk+=[udp4(s,d,6696,6696,P(b''.join(tl[:8]))), udp4(s,d,6697,6697,P(b''.join(tl[8:20]))),
         udp4(s,d,6696,6696,P(b''.join(tl[19:24])+b''.join(tl[24:30]))),
         udp4(s,d,40000,6696,P(tl[4],trailer=tl[39]+tl[0])), udp4(s,d,6696,40000,P(tl[4],bl=50)),
         udp4(s,d,6696,6696,P(tl[4],magic=43)), udp4(s,d,6696,6696,P(tl[4],ver=1)), udp4(s,d,6696,6696,b'\x2a\x02'),
         udp4(s,d,6696,6696,P(b'\x04\x08\0\0')), udp4(s,d,6696,6696,P(b'\x04')), udp4(s,d,6696,6696,P(tl[4][:4],bl=8))]
    f=udp4(s,d,6696,6696,P(b''.join(tl[4:10])))
    pk+=[(f[:42+n],len(f)) for n in (0,2,4,5,6,8,12,14,20,30,40)]
    write(path, pk)


def vxlan_gpe(path):
    """VXLAN-GPE on UDP port 4790 with each next protocol (IPv4, IPv6,
    Ethernet, NSH, MPLS, unknown) and flag bits; NSH (RFC 8300) inside it
    and on Ethernet (0x894f): versions, flags, TTL, lengths, MD types 1
    and 2 (TLVs with padding, too long), other types, each next protocol;
    lengths below the headers'; cuts."""
    s=[10,0,0,1];d=[10,0,0,2]
    a4=[10,90,0,1];b4=[10,90,0,2]
    a6=bytes.fromhex('fd000000000000000000000000000001');b6=bytes.fromhex('fd000000000000000000000000000002')
    echo=ipv4(a4,b4,1,bytes([8,0,0xf7,0xfe,0,1,0,0]))
    echo6=ip6hdr(a6,b6,58,bytes([128,0,0x7b,0x9a,0,1,0,1]))
    arp=eth(bytes.fromhex('0001080006040001')+b'\x02\0\0\0\xaa\x01'+bytes(a4)+b'\0'*6+bytes(b4),et=0x0806,dst=b'\xff'*6)
    G=lambda flags,np,vni=0x123456: struct.pack('!BBBB',flags,0,0,np)+struct.pack('!I',vni<<8)
    def N(np,length=2,md=1,ver=0,flags=0,ttl=63,ctx=b'',spi=0xabcdef,si=255):
        return struct.pack('!I',ver<<30|flags<<28|ttl<<22|length<<16|md<<8|np)+struct.pack('!I',spi<<8|si)+ctx
    mpls=struct.pack('!I',100<<12|1<<8|64)+echo
    pk=[udp4(s,d,40000,4790,G(f,1)+echo) for f in (0x0c,0x08,0x04,0x01,0x0d,0x00,0x30,0xff)]
    pk+=[udp4(s,d,40000,4790,G(0x0c,2)+echo6), udp4(s,d,40000,4790,G(0x0c,3)+arp), udp4(s,d,4790,40000,G(0x0c,5)+mpls),
         udp4(s,d,4790,4790,G(0x0c,9)+echo), udp4(s,d,4790,4790,b'\x0c\0\0'), udp4(s,d,4790,4790,G(0x0c,1))]
    md1=N(1,6,1,ctx=struct.pack('!IIII',1,2,3,0xffffffff))
    tlvs=struct.pack('!HBB',0x0102,3,5)+b'abcde\0\0\0'+struct.pack('!HBB',7,8,0)+struct.pack('!HBB',9,1,0x83)+b'xyz\0'
    md2=N(2,2+len(tlvs)//4,2,ctx=tlvs)
    nsh=[N(1)+echo, N(2)+echo6, N(3)+arp, N(4)+N(1)+echo, N(5)+mpls, N(0xfe)+echo, N(0x77)+echo, md1+echo, md2+echo6,
         N(1,6,1,ctx=bytes(8))+echo, N(1,3,1,ctx=bytes(4))+echo, N(1,2,0)+echo, N(1,2,15)+echo, N(1,2,9)+echo,
         N(1,ver=1)+echo, N(1,ver=3)+echo, N(1,flags=2)+echo, N(1,flags=3,ttl=0)+echo, N(1,length=1)+echo, N(1,length=0)+echo,
         N(1,4,2,ctx=struct.pack('!HBB',1,1,8)+bytes(4))+echo, N(1,63)+echo, b'\0\0\0']
    for n in nsh:
        pk.append(udp4(s,d,40000,4790,G(0x0c,4)+n))
    for n in nsh[:9]:
        pk.append(eth(n,et=0x894f))
    f=udp4(s,d,40000,4790,G(0x0c,4)+md2+echo6)
    pk+=[(f[:42+n],len(f)) for n in (0,2,4,7,8,10,12,15,16,20,24,30,36,40,44)]
    write(path, pk)


def ahcp(path):
    """The Ad-Hoc Configuration Protocol (UDP port 5359, over IPv6 and IPv4):
    each message type and unknown ones, a nonzero MBZ, every option (times,
    lifetimes, addresses, prefixes, servers) with good and bad lengths,
    unknown options, options past the body, extra data after it; other
    magic numbers and versions, short headers; cuts."""
    a6=bytes.fromhex('fe800000000000000000000000000001');m6=bytes.fromhex('ff020000000000000000000000010011')
    s=[10,0,0,1];d=[10,0,0,2]
    x6=bytes.fromhex('20010db8000000000000000000000001')
    H=lambda hop=2,orig=3,nonce=0xdeadbeef,src=bytes.fromhex('0211223344556677'),dst=bytes(8): struct.pack('!BBBBI',43,1,hop,orig,nonce)+src+dst
    O=lambda t,v: bytes([t,len(v)])+v
    B=lambda typ,opts,mbz=0,extra=b'',bl=None: struct.pack('!BBH',typ,mbz,len(opts) if bl is None else bl)+opts+extra
    opts=(b'\0\x01'+O(2,struct.pack('!I',1700000000))+O(3,struct.pack('!I',3600))+O(4,x6)+O(5,bytes([10,0,0,7]))
          +O(6,x6+bytes([64]))+O(7,bytes([10,0,0,0,8]))+O(8,x6+x6)+O(9,bytes([10,0,0,8,10,0,0,9]))+O(10,x6+bytes([48]))
          +O(11,bytes([10,1,0,0,16]))+O(12,x6)+O(13,x6)+O(99,b'abc'))
    bad=(O(2,b'\0\0\0')+O(3,b'\0\0\0\0\0')+O(4,x6[:10])+O(5,bytes(6))+O(6,x6)+O(11,bytes(7))+O(12,x6+x6[:3]))
    pk=[udp6(a6,m6,5359,5359,H()+B(t,opts)) for t in (0,1,2,3,4,5,9)]
    pk+=[udp6(a6,m6,5359,5359,H()+B(2,bad)), udp4(s,d,5359,5359,H()+B(1,opts,mbz=7,extra=b'zz')),
         udp4(s,d,40000,5359,H()+B(0,b'')), udp4(s,d,5359,40000,H()+B(3,O(3,b'\0\0\0\x05'))),
         udp4(s,d,5359,5359,H()+B(1,O(2,struct.pack('!I',0xffffffff)))), udp4(s,d,5359,5359,H()+B(1,O(5,bytes(4)),bl=40)),
         udp4(s,d,5359,5359,H()+B(1,b'\x05')), udp4(s,d,5359,5359,H()+B(1,b'\x05\x09\0')), udp4(s,d,5359,5359,H()+b'\x01\0'),
         udp4(s,d,5359,5359,struct.pack('!BB',43,2)+bytes(30)), udp4(s,d,5359,5359,struct.pack('!BB',42,1)+bytes(30)),
         udp4(s,d,5359,5359,b'\x2b'), udp4(s,d,5359,5359,struct.pack('!BB',43,1)+bytes(10))]
    f=udp4(s,d,5359,5359,H()+B(1,opts))
    pk+=[(f[:42+n],len(f)) for n in (0,1,2,3,5,8,12,20,24,26,28,30,34,40,60,80,100)]
    write(path, pk)


def lisp(path):
    """LISP control messages on UDP port 4342: Map-Register and Map-Notify
    with each flag, authentication data, records with IPv4, IPv6 and other
    EID families, locators of each family with priorities and flags,
    xTR and site ids (present, cut short), data left over; the other message
    types (named only) and unknown ones; no records; cuts."""
    s=[10,0,0,1];d=[10,0,0,2]
    x6=bytes.fromhex('20010db8000000000000000000000001')
    def H(typ,flags=0,records=1,nonce=0x1122334455667788,key=1,auth=b'\xaa'*20,flag2=0):
        return struct.pack('!BBBBQHH',typ<<4|flags,0,flag2,records,nonce,key,len(auth))+auth
    def R(afi,eid,mask,locs,ttl=1440,act=0x10,ver=7):
        return struct.pack('!IBBBBHH',ttl,len(locs),mask,act,0,ver,afi)+eid+b''.join(locs)
    L=lambda afi,a,pri=1,w=100,flags=5: struct.pack('!BBBBHH',pri,w,255,0,flags,afi)+a
    r4=R(1,bytes([10,8,0,0]),16,[L(1,bytes([192,0,2,1])),L(2,x6,flags=2)])
    r6=R(2,x6,48,[L(2,x6,flags=4)],act=0x40,ver=0xfff)
    xid=bytes(range(16))+struct.pack('!Q',12345678901)
    pk=[udp4(s,d,4342,4342,H(3,f,2)+r4+r6) for f in (0,1,2,4,8,0xf)]
    pk+=[udp4(s,d,4342,4342,H(3,2,1,flag2=1)+r4+xid), udp4(s,d,4342,4342,H(4,8,1)+r6+xid), udp4(s,d,4342,4342,H(4,4,2)+r4+r6),
         udp4(s,d,4342,4342,H(3,2,1)+r4+xid[:10]), udp4(s,d,4342,4342,H(3,0,1)+r4+b'leftover'), udp4(s,d,4342,4342,H(3,0,0)),
         udp4(s,d,4342,4342,H(3,0,1,key=7,auth=b'')+R(16387,b'\0\0',0,[])), udp4(s,d,4342,4342,H(3,0,1)+R(1,bytes(4),32,[L(9,b'')])),
         udp4(s,d,4342,4342,H(3,0,3)+r4), udp4(s,d,4342,4342,H(3,0,1)+R(1,bytes(4),24,[L(1,bytes(4))],act=0xe0)),
         udp4(s,d,40000,4342,H(4,0,1)+r4), udp4(s,d,4342,40000,H(4,0,1)+r6)]
    pk+=[udp4(s,d,4342,4342,H(t)+r4) for t in (0,1,2,5,8,15)]
    pk+=[udp4(s,d,4342,4342,b'\x30\0\0\x01'+bytes(8))]
    f=udp4(s,d,4342,4342,H(3,2,2)+r4+r6+xid)
    pk+=[(f[:42+n],len(f)) for n in (0,4,15,16,20,36,40,48,50,56,60,70,80,100,112,125,130)]
    write(path, pk)


CAPTURES = {"lisp": lisp, "ahcp": ahcp, "vxlan-gpe": vxlan_gpe, "babel": babel, "lwapp": lwapp, "autorp": autorp, "vqp": vqp, "timed": timed, "mpls": mpls, "krb": krb, "otv": otv, "sip": sip, "bcm-li": bcm_li, "bfd": bfd, "hsrp": hsrp, "eapol": eapol, "radius": radius, "rpc": rpc, "wb": wb, "aodv": aodv, "zmtp1": zmtp1, "ptp": ptp, "resp": resp, "cnfp": cnfp, "someip": someip, "rtp": rtp, "carp": carp, "lldp-med": lldp_med, "ipsec-ext": ipsec_ext, "inner-cut": inner_cut, "lldp": lldp, "sctp": sctp, "snmp": snmp, "snmp-names": snmp_names, "udp-ports": udp_ports, "cdp": cdp, "rip": rip, "dhcp6": dhcp6, "ipsec": ipsec, "geneve": geneve, "gre": gre, "stp": stp, "vrrp": vrrp, "ip-in-ip": ip_in_ip, "tftp-syslog": tftp_syslog, "vxlan": vxlan, "igmp": igmp, "dhcp-options": dhcp_options, "macsec": macsec}

if __name__ == "__main__":
    CAPTURES[sys.argv[1]](sys.argv[2])
