#!/usr/bin/env python3
"""Writes 'riderId token' lines for rider-000001..rider-N, minted as HmacTokens(secret, "rider") does:
'<expiry epoch seconds>.<base64url HMAC-SHA256 of "rider:<riderId>:<expiry>">', valid for 24 hours.

usage: tokens.py [riders] [secret] > tokens.txt
"""
import base64
import hashlib
import hmac
import sys
import time

riders = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
secret = sys.argv[2] if len(sys.argv) > 2 else "dev-only-token-secret-change-me"
expiry = int(time.time()) + 24 * 3600
for i in range(1, riders + 1):
    rider = "rider-%06d" % i
    mac = hmac.new(secret.encode(), ("rider:%s:%d" % (rider, expiry)).encode(), hashlib.sha256).digest()
    print(rider, "%d.%s" % (expiry, base64.urlsafe_b64encode(mac).rstrip(b"=").decode()))
