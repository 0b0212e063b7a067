export declare const ADMIN_URL: string;
export declare const TEMPLATE: string;
