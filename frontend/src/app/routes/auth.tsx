export {
  AdminLoginPage as AdminLoginRoute,
  ForgotPasswordPage as ForgotPasswordRoute,
  LoginPage as LoginRoute,
  RegisterPage as RegisterRoute,
  ResetPasswordPage as ResetPasswordRoute,
} from '@/features/auth/components/auth-pages';
