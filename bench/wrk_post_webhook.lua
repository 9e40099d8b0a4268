-- wrk script: POST a reminder-sized JSON body, as the daemon's webhook transport does.
wrk.method = "POST"
wrk.body = '{"type":"deadline.reminder","data":{"child":"B1","kind":"review","due":"2027-01-15"}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["webhook-id"] = "evt_bench"
wrk.headers["webhook-timestamp"] = "1800000000"
wrk.headers["webhook-signature"] = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
