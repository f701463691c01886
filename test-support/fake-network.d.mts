export declare const FAKE_V4: string[]
export declare const FAKE_V6: string[]
export declare const FAKE_DNS_V4: string
export declare const FAKE_HOSTS: [string, string][]
