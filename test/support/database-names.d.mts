export declare const ADMIN_URL: string;
